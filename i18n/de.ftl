# Die Texte des Produkts auf Deutsch: dieselben Nachrichten wie en.ftl (ein Test vergleicht die
# Kennungen). Jeder Text steht auf einer Zeile, weil Fluent Zeilenumbrüche behält.

## Was eine Einstellung erwartet (crates/core/src/i18n.rs, Expected)

expected-bool = true oder false
expected-minutes = eine ganze Zahl von Minuten von { $min } bis { $max }
expected-megabytes = eine ganze Zahl von Megabyte von { $min } bis { $max }
expected-date = ein Datum wie "2026-01-31"
expected-language = "de" oder "en"
expected-text = ein nicht leerer Text in Anführungszeichen
expected-url = eine https://-Adresse in Anführungszeichen
expected-key_list = eine Liste von Einstellungsnamen in Anführungszeichen
expected-table = ein Abschnitt mit Einstellungen

## Die allgemeinen Texte des Kerns (crates/core/src/i18n.rs, Msg)

file-malformed = { $policy ->
        [true] Die Richtliniendatei des Administrators
       *[false] Die Einstellungsdatei
    } { $file } enthält einen Fehler in Zeile { $line }: { $problem }. { $policy ->
        [true] Bitten Sie Ihren Administrator, sie zu korrigieren.
       *[false] Korrigieren oder löschen Sie die Zeile und versuchen Sie es erneut.
    }
file-malformed-key = { $policy ->
        [true] Die Richtliniendatei des Administrators
       *[false] Die Einstellungsdatei
    } { $file } enthält einen Fehler in Zeile { $line }, Schlüssel „{ $key }“: { $problem }. { $policy ->
        [true] Bitten Sie Ihren Administrator, sie zu korrigieren.
       *[false] Korrigieren oder löschen Sie die Zeile und versuchen Sie es erneut.
    }
file-problem-syntax = kein gültiges TOML ({ $detail })
file-problem-unknown_key = diese Einstellung gibt es nicht
file-problem-bad_value = erwartet wird { $expected }
file-unreadable = { $policy ->
        [true] Die Richtliniendatei des Administrators { $file } kann nicht gelesen werden ({ $detail }). Bitten Sie Ihren Administrator, das zu beheben.
       *[false] Die Datei { $file } kann nicht gelesen werden ({ $detail }). Prüfen Sie, ob sie existiert und lesbar ist.
    }
file-unwritable = Die Einstellungen konnten nicht in { $file } gespeichert werden ({ $detail }). Prüfen Sie Speicherplatz und Berechtigungen.
setting-locked = Die Einstellung „{ $key }“ wurde von Ihrem Administrator gesperrt und kann nicht geändert werden.
unknown-setting = Die Einstellung „{ $key }“ gibt es nicht. `office-connector config get` listet alle auf.
invalid-setting-value = „{ $value }“ ist kein gültiger Wert für „{ $key }“: erwartet wird { $expected }.
keyring-unavailable = Es ist kein Schlüsselbund verfügbar, um Ihre Anmeldung sicher aufzubewahren ({ $detail }). Office Connector speichert Geheimnisse nur im Schlüsselbund des Systems, nie in einer Datei. Installieren und entsperren Sie unter Linux einen Secret-Service-Anbieter wie GNOME Keyring (Paket gnome-keyring) oder KWallet und melden Sie sich an einer Desktop-Sitzung an; auf einem Server starten Sie ihn mit `dbus-run-session` und `gnome-keyring-daemon --unlock`.
keyring-failed = Der Schlüsselbund des Systems hat die Anfrage abgelehnt ({ $detail }). Entsperren Sie ihn und versuchen Sie es erneut.
state-home-unavailable = Der Ordner { $path } für die Daten von Office Connector ist nicht nutzbar ({ $detail }). Prüfen Sie die Berechtigungen oder wählen Sie mit --home einen anderen.
no-state-home = Für diesen Benutzer ist kein Home-Ordner bekannt. Wählen Sie einen Ordner mit --home oder OFFICE_CONNECTOR_HOME.
database-failed = Die lokale Datenbank { $file } ist nicht nutzbar ({ $detail }). Schließen Sie andere Instanzen von Office Connector und versuchen Sie es erneut.
job-busy = Der Auftrag { $job } läuft bereits (in der App oder auf der Kommandozeile). Warten Sie, bis er fertig ist.
run-interrupted = Der Lauf { $job } hat vor dem Ende aufgehört. Der nächste Lauf macht dort weiter.
run-not-found = Es gibt keinen Lauf mit der Nummer { $id }. `office-connector runs` listet die aufgezeichneten Läufe.
internal = In Office Connector ist ein Fehler aufgetreten. Versuchen Sie es erneut; wenn er bleibt, senden Sie das Protokoll an den Support.
no-runs = Keine Läufe aufgezeichnet.
heading-accounts = Konten
heading-jobs = Aufträge
heading-events = Einträge
not-connected = nicht verbunden
account-checked = verbunden, zuletzt geprüft am { $at }
account-not-checked = verbunden, noch nicht geprüft
account-refused-odoo = Odoo hat den gespeicherten Schlüssel abgelehnt — verbinden Sie Odoo erneut
account-refused-odoo-at = Odoo hat den gespeicherten Schlüssel am { $at } abgelehnt — verbinden Sie Odoo erneut
account-refused-microsoft = Microsoft hat die Anmeldung abgelehnt — melden Sie sich erneut bei Microsoft 365 an
account-refused-microsoft-at = Microsoft hat die Anmeldung am { $at } abgelehnt — melden Sie sich erneut bei Microsoft 365 an
schedule-every = alle { $minutes } Min.
schedule-off-not-set-up = Zeitplan aus (nicht eingerichtet)
schedule-off-disabled = Zeitplan aus
never-ran = noch nie gelaufen
demo-explanation = Demo: Das nachgebildete Microsoft 365 und das nachgebildete Odoo laufen auf diesem Rechner (die JSON-Zeile oben sagt, wo); alles oben geschah mit ihnen, in einem Wegwerf-Zustandsordner.
demo-connecting = Anmeldung als Demo-Person { $name } …
demo-not-connected = Die Demo läuft ohne Verbindung weiter:
demo-folders = E-Mail-Ordner
demo-mail-run = Mail-Auftrag: Transferordner „{ $incoming }“ (eingehend) und „{ $outgoing }“ (ausgehend), erster Lauf
demo-state-kept = Demo-Zustand aufbewahrt in { $path }
last-run = letzter Lauf
outcome-success = erfolgreich
outcome-needs_attention = Eingriff nötig
outcome-incomplete = unvollständig
outcome-failed = fehlgeschlagen
job-mail = E-Mail
job-calendar = Kalender
job-contacts = Kontakte
trigger-manual = manuell
trigger-timer = Zeitplan
trigger-cli = Kommandozeile
item-count = { $count } { $outcome }
item-filed = abgelegt
item-linked = verknüpft
item-created = angelegt
item-updated = aktualisiert
item-deleted = gelöscht
item-waiting = warten auf Entscheidung
item-unassigned = nicht zugeordnet
item-skipped = übersprungen
item-failed = fehlgeschlagen
item-refused = von Odoo abgelehnt
account-microsoft = Microsoft 365
account-odoo = Odoo
run-heading = Lauf { $id }
started = begonnen
finished = beendet
running = läuft
no-events = Keine Einträge aufgezeichnet.

## Die eigenen Texte der Desktop-App (crates/core/src/desktop_texts.rs, DesktopMsg)

desktop-app-name = Office Connector
desktop-demo = Demo
desktop-sync-now = Jetzt synchronisieren
desktop-nothing-set-up = Noch kein Auftrag eingerichtet: in den Einstellungen einrichten
desktop-pause = Pausieren
desktop-resume = Fortsetzen
desktop-open-settings = Einstellungen öffnen…
desktop-start-at-login = Bei der Anmeldung starten
desktop-quit = Beenden
desktop-idle = Auf dem neuesten Stand
desktop-syncing = { $job } wird synchronisiert…
desktop-syncing-progress = { $job } wird synchronisiert… { $done } von { $total }
desktop-attention = Etwas wartet auf Sie: Einstellungen öffnen
desktop-failing = Die Synchronisierung schlägt wiederholt fehl: siehe Protokoll
desktop-paused = Pausiert
desktop-attention-title = { $job }: Ihre Entscheidung ist nötig
desktop-attention-body = Einige Einträge warten auf Ihre Entscheidung. Klicken zum Öffnen.
desktop-failing-title = { $job } schlägt wiederholt fehl
desktop-failing-body = Die letzten { $runs } Läufe wurden nicht fertig. Klicken für das Protokoll.
desktop-sign-in-title = { $account }-Anmeldung abgelaufen
desktop-sign-in-body = { $account } akzeptiert Ihre Anmeldung nicht mehr; die Synchronisierung ruht. Melden Sie sich erneut an: Klicken öffnet die Einrichtung.
desktop-run-done-title = { $job } synchronisiert
desktop-open = Öffnen
desktop-nothing-to-do = Nichts zu tun

## Ein Zustandsordner, der so nicht nutzbar ist (crates/core/src/store/texts.rs, StoreMsg)

store-damaged = Die lokale Datenbank { $file } ist beschädigt und nicht nutzbar ({ $detail }). Office Connector kann sie nicht reparieren. { $start_fresh } { $pending }
store-from-newer-version = Die lokale Datenbank { $file } stammt von einer neueren Version von Office Connector (Datenbankversion { $found }; diese Version kennt bis { $known }). Installieren Sie die neuere Version wieder. Um stattdessen mit dieser Version weiterzumachen: { $start_fresh } { $pending }
store-not-writable = Office Connector darf in { $path } nicht schreiben ({ $detail }). Anzeigen, was da ist (status, runs, config get, decisions list), geht weiterhin; um zu synchronisieren oder etwas zu ändern, machen Sie es für Ihren Benutzer beschreibbar oder wählen Sie mit --home einen anderen Ordner.
store-not-a-folder = { $path } ist eine Datei, kein Ordner; Office Connector kann seine Daten dort nicht ablegen. Verschieben Sie die Datei, oder wählen Sie mit --home (oder OFFICE_CONNECTOR_HOME) einen Ordner.
store-start-fresh = Für einen Neuanfang schließen Sie Office Connector und verschieben { $file } in einen anderen Ordner, zusammen mit { $file }-wal und { $file }-shm, falls vorhanden; Office Connector legt dann eine neue, leere Datenbank an. Verbinden Sie danach Microsoft 365 und Odoo erneut; Ihre Einstellungen bleiben erhalten.
store-pending-unreadable = Welche Schreibvorgänge nach Odoo unerledigt waren, lässt sich daraus nicht mehr lesen; vergleichen Sie danach die Mails in Ihren Transferordnern mit Odoo.
store-pending-none = Darin war kein Schreibvorgang nach Odoo unerledigt.
store-pending-listed = Diese Schreibvorgänge nach Odoo waren darin unerledigt; prüfen Sie sie danach in Odoo: { $writes }.
store-pending-more = und { $more } weitere

## Der E-Mail-Auftrag (crates/core/src/mail/texts.rs, MailMsg)

mail-summary = { $mails ->
        [one] { $mails } Mail
       *[other] { $mails } Mails
    } → { $contacts ->
        [one] { $contacts } Kontakt
       *[other] { $contacts } Kontakte
    }, { $waiting } { $waiting ->
        [one] wartet
       *[other] warten
    } auf eine Entscheidung, { $unassigned } ohne Kontakt{ $failed ->
        [0] {""}
       *[other] , { $failed } fehlgeschlagen
    }{ $refused ->
        [0] {""}
       *[other] , { $refused } von Odoo abgelehnt
    }
mail-no-decisions = Keine Mail wartet auf eine Entscheidung.
mail-remembered = Für { $address } gemerkt; der nächste Lauf legt die Mails ab.
mail-not-an-address = „{ $input }“ ist keine Mail-Adresse. Geben Sie sie so ein, wie die Entscheidungsliste sie zeigt.
mail-not-a-contact-id = „{ $input }“ ist keine Odoo-Kontakt-ID. Geben Sie die Nummern aus der Entscheidungsliste an oder none.
mail-only-mail-job = Einen Auftrag „{ $job }“ gibt es nicht; starten Sie --job mail, --job calendar oder --job contacts.
mail-no-contact-chosen = Wählen Sie mindestens einen Kontakt oder „keinen“, um die Mails dieser Adresse nirgends abzulegen.
mail-no-subject = (kein Betreff)
mail-no-write-access = Sie dürfen den Odoo-Kontakt { $contact } nicht bearbeiten; seine Mails bleiben im Übertragungsordner. Bitten Sie Ihren Odoo-Administrator um Zugriff.
mail-key-refused = Odoo hat den gespeicherten Schlüssel abgelehnt. Verbinden Sie Odoo erneut; die Mails bleiben in den Übertragungsordnern.
mail-microsoft-sign-in-refused = Microsoft akzeptiert Ihre Anmeldung nicht mehr. Melden Sie sich in den Einstellungen erneut bei Microsoft 365 an; die Mails bleiben in den Übertragungsordnern.
mail-no-transfer-folder = Es ist noch kein Übertragungsordner gewählt. Wählen Sie den Eingangs- oder Ausgangsordner auf der Seite Mail (oder: office-connector config set mail.incoming_folder "Posteingang/Transfer", mit dem Pfad eines Ordners, wie office-connector folders ihn zeigt).
mail-transfer-folder-chosen = { $direction ->
        [incoming] Übertragungsordner für eingehende Mails: { $path }
       *[outgoing] Übertragungsordner für ausgehende Mails: { $path }
    }
mail-not-a-folder = „{ $input }“ ist weder der Pfad noch die ID eines Ordners in Ihrem Postfach; der Übertragungsordner für { $direction ->
        [incoming] eingehende
       *[outgoing] ausgehende
    } Mails bleibt, wie er war. office-connector folders listet Ihre Ordner auf: Geben Sie den Pfad so an, wie er dort steht, z. B. „Posteingang/Transfer“.
mail-ambiguous-folder = „{ $input }“ ist der Pfad von { $count } Ordnern: { $folders }. Geben Sie die ID des gemeinten Ordners an (office-connector folders --ids zeigt die IDs).
mail-folder-with-id = { $path } (ID { $id })
mail-choose-folder-by-path = Einen Übertragungsordner wählen Sie über seinen Pfad: office-connector config set mail.incoming_folder "{ $example }" (oder mail.outgoing_folder; --ids zeigt die IDs).
mail-decision-line = { $address } ({ $choose ->
        [true] wählen
       *[false] ohne Kontakt
    }, { $mails ->
        [one] { $mails } Mail
       *[other] { $mails } Mails
    })
mail-odoo-did-not-answer = Odoo hat nicht geantwortet. Die nicht abgelegten Mails bleiben in den Übertragungsordnern; der nächste Lauf legt sie ab.
mail-folder-not-read = Der { $incoming ->
        [true] Eingangs-Übertragungsordner
       *[false] Ausgangs-Übertragungsordner
    } konnte nicht vollständig aus Outlook gelesen werden; der nächste Lauf liest ihn erneut.
mail-folder-not-read-because = Der { $incoming ->
        [true] Eingangs-Übertragungsordner
       *[false] Ausgangs-Übertragungsordner
    } konnte nicht vollständig aus Outlook gelesen werden: { $reason }
mail-refused-heading = Von Odoo abgelehnt (erneut versuchen, sobald sich etwas geändert hat, oder überspringen):
mail-refused-line = { $subject }  { $key }
mail-will-retry = „{ $subject }“ wird im nächsten Lauf erneut versucht.
mail-will-skip = „{ $subject }“ wird übersprungen: Sie bleibt im Übertragungsordner und wird nicht abgelegt.
mail-no-such-refused-mail = Keine von Odoo abgelehnte Mail hat den Schlüssel „{ $input }“; vielleicht wurde sie schon erneut versucht oder übersprungen.

## Odoo (crates/core/src/odoo/messages.rs, OdooMsg)

odoo-url-empty = Geben Sie die Adresse Ihres Odoo ein, z. B. https://meinefirma.odoo.com.
odoo-url-scheme = „{ $input }“ beginnt mit { $scheme }://, Odoo wird aber über https:// (oder http://) erreicht. Geben Sie die Adresse ein, mit der Sie Odoo im Browser öffnen.
odoo-url-malformed = „{ $input }“ ist keine Webadresse. Geben Sie die Adresse ein, mit der Sie Odoo im Browser öffnen, z. B. https://meinefirma.odoo.com.
odoo-unreachable = Odoo unter { $url } { $timed_out ->
        [true] hat nicht rechtzeitig geantwortet
       *[false] ist nicht erreichbar
    }. Prüfen Sie die Internetverbindung und die Adresse; ist Odoo gerade nicht verfügbar, versuchen Sie es später erneut.
odoo-server-unavailable = Odoo unter { $url } ist vorübergehend nicht verfügbar (HTTP { $status }). Versuchen Sie es in einigen Minuten erneut.
odoo-not-odoo = { $url } antwortet nicht wie ein Odoo-Server. Prüfen Sie die Adresse: Verwenden Sie die, mit der Sie Odoo im Browser öffnen.
odoo-unsupported-version = Dieses Odoo hat die Version { $version }; Office Connector unterstützt Odoo 16, 17, 18 und 19. Fragen Sie Ihren Administrator, welche Version Sie nutzen.
odoo-database-missing = Die Odoo-Datenbank „{ $db }“ gibt es auf diesem Server nicht. Prüfen Sie den Namen (er steht auf der Anmeldeseite von Odoo oder unter Einstellungen → Info).
odoo-database-list-disabled = Dieser Odoo-Server listet seine Datenbanken nicht auf. Geben Sie den Namen der Datenbank ein (fragen Sie Ihren Administrator oder sehen Sie auf der Anmeldeseite von Odoo nach).
odoo-database-choice = Dieser Odoo-Server hat mehrere Datenbanken: { $databases }. Wählen Sie die, in der Sie arbeiten.
odoo-no-database = Dieser Odoo-Server hat noch keine Datenbank. Fragen Sie Ihren Administrator nach der richtigen Adresse.
odoo-login-failed = Odoo hat die Anmeldung „{ $login }“ mit diesem API-Schlüssel in der Datenbank „{ $db }“ nicht akzeptiert. Prüfen Sie den Login (meist Ihre E-Mail-Adresse) und erstellen Sie in Odoo unter Ihrem Profil → Kontosicherheit → Neuer API-Schlüssel einen neuen Schlüssel.
odoo-access-denied = Odoo akzeptiert den gespeicherten API-Schlüssel nicht mehr (er wurde gelöscht oder das Passwort geändert). Verbinden Sie Odoo erneut mit einem neuen API-Schlüssel.
odoo-access-error = Ihr Odoo-Benutzer darf das nicht ({ $model }, { $method }): { $detail } Bitten Sie Ihren Odoo-Administrator um die Berechtigung.
odoo-missing-record = Der Odoo-Datensatz ({ $model }) existiert nicht mehr; er wurde inzwischen gelöscht.
odoo-validation = Odoo hat die Werte abgelehnt: { $detail }
odoo-user-error = Odoo hat den Vorgang abgelehnt: { $detail }
odoo-unknown-model = Die Odoo-App, die „{ $model }“ bereitstellt, ist in dieser Datenbank nicht installiert. Bitten Sie Ihren Administrator, sie zu installieren.
odoo-unknown-field = Diesem Odoo fehlt ein Feld, das Office Connector braucht ({ $detail }). Prüfen Sie, ob die Odoo-Version unterstützt wird.
odoo-session-expired = Die Odoo-Sitzung ist abgelaufen. Versuchen Sie es erneut; Office Connector meldet sich neu an.
odoo-server-error = Odoo hat einen Fehler gemeldet: { $detail }
odoo-too-large = Der Odoo-Server hat die Anfrage als zu groß abgelehnt.
odoo-busy = Die Odoo-Datenbank war ausgelastet. Versuchen Sie es gleich noch einmal.
odoo-prefer-api-key = Sie haben sich mit Ihrem Passwort angemeldet. Empfohlen ist stattdessen ein API-Schlüssel: Er gilt nur für Programme wie dieses (nicht für die Anmeldung im Browser), bleibt gültig, wenn Sie Ihr Passwort ändern, und lässt sich einzeln widerrufen. Erstellen Sie ihn in Odoo unter Ihrem Profil → Kontosicherheit → Neuer API-Schlüssel.
odoo-connected = Mit Odoo { $version } unter { $url } (Datenbank „{ $db }“) verbunden als { $name } ({ $login }).
odoo-disconnected = Odoo ist getrennt; der API-Schlüssel wurde aus dem Schlüsselbund entfernt. Sie können den Schlüssel auch in Odoo unter Ihrem Profil → Kontosicherheit löschen.
odoo-was-not-connected = Odoo war nicht verbunden.
odoo-test-ok = Verbindung in Ordnung
odoo-label-version = Version
odoo-label-database = Datenbank
odoo-label-user = Benutzer
odoo-label-server = Server
odoo-app-installed = { $app }: { $installed ->
        [true] installiert
       *[false] nicht installiert
    }
odoo-app-in-list = { $app } { $installed ->
        [true] installiert
       *[false] nicht installiert
    }
odoo-no-answer-unreachable = nicht erreichbar
odoo-no-answer-timed-out = keine Antwort in der Zeit
odoo-no-answer-unavailable = vorübergehend nicht verfügbar, HTTP { $status }
odoo-no-answer-busy = Datenbank ausgelastet
odoo-last-known = Zuletzt bekannt am { $at }: Version { $version }, { $apps }
odoo-last-known-no-answer = Odoo hat nicht geantwortet ({ $reason }); zuletzt bekannt am { $at }: Version { $version }, { $apps }
odoo-no-key-given = Geben Sie Ihren Odoo-API-Schlüssel ein (auf der Kommandozeile: in der ersten Zeile der Standardeingabe). Erstellen Sie ihn in Odoo unter Ihrem Profil → Kontosicherheit → Neuer API-Schlüssel.
odoo-key-missing = Der Odoo-API-Schlüssel fehlt im Schlüsselbund. Verbinden Sie Odoo erneut.

## Microsoft-Anmeldung und Graph (crates/core/src/graph/texts.rs, MicrosoftMsg)

ms-problem-wrong-tenant = Microsoft kennt dieses Verzeichnis (Mandant) nicht. Prüfen Sie die Verzeichnis-ID (Mandanten-ID) im Azure-Portal unter „App-Registrierungen“ → Ihre App → „Übersicht“, oder verwenden Sie „organizations“.
ms-problem-wrong-account = Dieses Konto gehört nicht zum gewählten Verzeichnis. Melden Sie sich mit Ihrem Geschäftskonto an oder prüfen Sie die Verzeichnis-ID (Mandanten-ID).
ms-problem-wrong-client-id = Microsoft kennt diese Anwendungs-ID (Client-ID) in Ihrem Verzeichnis nicht. Kopieren Sie die „Anwendungs-ID (Client)“ von der Übersichtsseite der App im Azure-Portal und prüfen Sie, ob die Verzeichnis-ID (Mandanten-ID) die ist, in der die App registriert ist.
ms-problem-consent-missing = Die Berechtigungen der App wurden noch nicht erteilt. Melden Sie sich erneut an und stimmen Sie den Berechtigungen zu, oder bitten Sie Ihren Administrator, die Zustimmung für die Organisation zu erteilen (Azure-Portal → „API-Berechtigungen“ → „Administratorzustimmung erteilen“).
ms-problem-admin-consent-required = Die Berechtigungen der App wurden nicht erteilt: die Zustimmung wurde abgelehnt, oder in Ihrer Organisation darf nur ein Administrator zustimmen. Bitten Sie Ihren Administrator, im Azure-Portal die Administratorzustimmung für die Organisation zu erteilen („API-Berechtigungen“ → „Administratorzustimmung erteilen“), und melden Sie sich dann erneut an.
ms-problem-admin-approval-required = Ihre Organisation verlangt, dass ein Administrator diese App genehmigt. Bitten Sie Ihren Administrator, im Azure-Portal die Administratorzustimmung zu erteilen („API-Berechtigungen“ → „Administratorzustimmung erteilen“), und melden Sie sich dann erneut an.
ms-problem-redirect-mismatch = Die Umleitungs-URI ist für diese App nicht registriert. Öffnen Sie im Azure-Portal die App → „Authentifizierung“ und fügen Sie die Plattform „Mobile und Desktopanwendungen“ mit der Umleitungs-URI http://localhost hinzu (oder, bei einer als Web registrierten App, http://localhost/office365/authorization als Web-Umleitungs-URI).
ms-problem-secret-expired-or-wrong = Der geheime Clientschlüssel ist falsch oder abgelaufen. Erstellen Sie im Azure-Portal („Zertifikate & Geheimnisse“) einen neuen geheimen Schlüssel, kopieren Sie seinen Wert (nicht seine ID) und verbinden Sie sich erneut damit.
ms-problem-secret-missing = Diese App ist als Webanwendung registriert und braucht ihren geheimen Clientschlüssel. Geben Sie entweder den geheimen Schlüssel ein oder fügen Sie (empfohlen) die Plattform „Mobile und Desktopanwendungen“ mit der Umleitungs-URI http://localhost hinzu und aktivieren Sie „Öffentliche Clientflows zulassen“; dann ist kein Schlüssel nötig.
ms-problem-secret-not-allowed = Diese App ist als Desktop-Anwendung (öffentlicher Client) registriert und darf keinen geheimen Clientschlüssel erhalten. Verbinden Sie sich erneut ohne geheimen Schlüssel.
ms-problem-mfa-or-conditional-access = Ihre Organisation verlangt eine Bestätigung Ihrer Anmeldung (Mehrstufige Authentifizierung oder eine Zugriffsrichtlinie). Melden Sie sich im Browser erneut an; wird es weiter abgelehnt, fragen Sie Ihren Administrator, ob eine Richtlinie diese App oder dieses Gerät sperrt.
ms-problem-sign-in-expired = Ihre Microsoft-Anmeldung ist abgelaufen, weil sie 90 Tage nicht genutzt wurde. Melden Sie sich erneut an; die Synchronisierung ist bis dahin angehalten.
ms-problem-sign-in-revoked = Ihre Microsoft-Anmeldung ist nicht mehr gültig (Passwort geändert oder Zugriff entzogen). Melden Sie sich erneut an; die Synchronisierung ist bis dahin angehalten.
ms-problem-code-invalid = Der einmalige Anmeldecode ist abgelaufen oder wurde schon verwendet. Starten Sie die Anmeldung erneut.
ms-problem-device-code-expired = Der Code wurde nicht rechtzeitig eingegeben. Starten Sie die Anmeldung erneut und geben Sie den neuen Code innerhalb von 15 Minuten ein.
ms-problem-declined = Die Anmeldung wurde abgebrochen oder die Berechtigungen wurden abgelehnt. Melden Sie sich erneut an und stimmen Sie den Berechtigungen zu, um das Postfach zu verbinden.
ms-problem-service-unavailable = Der Anmeldedienst von Microsoft ist gerade nicht erreichbar. Versuchen Sie es in einigen Minuten erneut.
ms-problem-other = Microsoft hat die Anmeldung abgelehnt. Prüfen Sie Anwendungs-ID (Client-ID) und Verzeichnis-ID (Mandanten-ID) und versuchen Sie es erneut.
ms-sign-in-failed-code = { $problem } (AADSTS{ $code })
ms-with-request-id = { $text } (Microsoft-Anfrage-ID { $id })
ms-bad-tenant = „{ $tenant }“ ist keine Verzeichnis-ID (Mandanten-ID). Geben Sie die Verzeichnis-ID von der Übersichtsseite der App im Azure-Portal ein (wie 4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d), die Domain Ihrer Organisation (wie contoso.onmicrosoft.com) oder „organizations“, „common“ oder „consumers“.
ms-listener-failed = Office Connector konnte auf diesem Computer nicht auf die Antwort des Browsers warten ({ $detail }). Versuchen Sie es erneut oder verwenden Sie die Anmeldung mit Gerätecode.
ms-browser-failed = Der Browser konnte mit „{ $command }“ nicht geöffnet werden ({ $detail }). Verwenden Sie --no-browser und öffnen Sie die ausgegebene Adresse selbst, oder verwenden Sie --device-code.
ms-sign-in-timed-out = Die Anmeldung wurde nicht rechtzeitig abgeschlossen. Starten Sie sie erneut.
ms-unreachable = Microsoft ist nicht erreichbar ({ $detail }). Prüfen Sie die Internetverbindung und versuchen Sie es später erneut.
ms-bad-answer = Microsoft hat unerwartet geantwortet ({ $detail }). Versuchen Sie es später erneut; wenn es bleibt, senden Sie das Protokoll an den Support.
ms-bad-url = „{ $url }“ ist keine verwendbare Adresse. Geben Sie eine vollständige https://-Adresse ein.
ms-access-denied = Microsoft 365 hat den Zugriff auf das Postfach verweigert. Melden Sie sich erneut an und stimmen Sie allen angefragten Berechtigungen zu.
ms-not-found = Der Ordner oder das Element existiert im Postfach nicht mehr. Wählen Sie ihn erneut aus.
ms-throttled = Microsoft 365 bittet um weniger Anfragen. Der nächste Lauf setzt automatisch fort.
ms-throttled-wait = Microsoft 365 bittet um weniger Anfragen (Wartezeit { $seconds } s). Der nächste Lauf setzt automatisch fort.
ms-graph-unavailable = Microsoft 365 ist gerade nicht verfügbar (HTTP { $status }). Versuchen Sie es in einigen Minuten erneut; zeitgesteuerte Läufe versuchen es von selbst wieder.
ms-graph-refused = Microsoft 365 hat die Anfrage abgelehnt ({ $code }, HTTP { $status }). Wenn es bleibt, senden Sie das Protokoll an den Support.
ms-foreign-link = Microsoft 365 hat mit einem Link auf einen anderen Server geantwortet ({ $origin }); ihm wurde nicht gefolgt, und Ihre Anmeldung wurde nicht dorthin gesendet. Wenn das erneut vorkommt, senden Sie das Protokoll an den Support.
ms-endless-paging = Microsoft 365 hat ohne Ende weitere Seiten geschickt (eine Seite kam erneut, oder es waren viel zu viele); das Lesen wurde abgebrochen. Der nächste Lauf versucht es erneut; wenn es bleibt, senden Sie das Protokoll an den Support.
ms-not-connected = Es ist kein Microsoft-365-Postfach verbunden. Verbinden Sie eines mit `office-connector connect microsoft`.
ms-browser-page-success = Angemeldet. Sie können dieses Fenster schließen und zu Office Connector zurückkehren.
ms-browser-page-failure = Die Anmeldung ist nicht gelungen. Kehren Sie zu Office Connector zurück, um den Grund zu sehen.
ms-device-code-prompt = Öffnen Sie zur Anmeldung { $url } in einem Browser und geben Sie den Code { $code } ein.
ms-open-this-url = Öffnen Sie die Adresse oben in einem Browser, um sich anzumelden; warte auf die Antwort …
ms-mailbox-reachable = Das Postfach ist lesbar.
ms-signed-in-as = Bei Microsoft 365 angemeldet als { $upn }.
ms-disconnected = Microsoft 365 getrennt: die Anmeldung wurde von diesem Computer entfernt. Um auch den Zugriff der App zu widerrufen, entfernen Sie sie unter „Apps und Dienste“ auf https://myaccount.microsoft.com (Geschäftskonto) oder https://account.live.com/consent/Manage.

## Was mit einer Mail geschah (crates/core/src/mail/notes.rs, MailNote)

note-already-filed = Schon in einem früheren Lauf abgelegt.
note-confirmed-from-interrupted-run = In einem früheren Lauf abgelegt, der es nicht prüfen konnte; jetzt in Odoo gefunden.
note-no-address = Nichts abzulegen: Die Mail hat keine Adresse.
note-only-colleagues = Nur Kolleginnen und Kollegen stehen darauf; sie wird nirgends abgelegt.
note-every-address-ignored = Alle Adressen darauf werden ignoriert.
note-not-read-from-outlook = Outlook hat die Mail nicht herausgegeben; der nächste Lauf versucht es erneut.
note-unreadable-from-outlook = Outlook hat diese Mail in einer Form geschickt, die nicht lesbar ist; sie wurde übersprungen. Für einen neuen Versuch markieren Sie sie in Outlook als ungelesen oder gelesen; der nächste Lauf liest sie dann erneut.
note-odoo-did-not-answer = Odoo hat nicht geantwortet; der nächste Lauf versucht es erneut.
note-no-write-access = Sie dürfen den Odoo-Kontakt { $contact } nicht bearbeiten; bitten Sie Ihren Odoo-Administrator um Zugriff.
note-refused = Odoo lehnt diese Mail ab („{ $reason }“). Ein unveränderter neuer Versuch hilft nicht: Versuchen Sie es erneut, sobald sich etwas geändert hat, oder überspringen Sie sie.
note-key-refused = Odoo hat den gespeicherten Schlüssel abgelehnt; verbinden Sie Odoo erneut, dann legt der nächste Lauf sie ab.
note-not-confirmed = Abgelegt, aber Odoo antwortete vor der Prüfung nicht mehr; der nächste Lauf prüft sie.
note-not-found-when-checked = Übertragen, aber Odoo zeigte den Eintrag bei der Prüfung nicht; der nächste Lauf prüft erneut.
note-not-moved = Abgelegt, aber nicht in „Gelöschte Elemente“ verschoben; der nächste Lauf verschiebt sie.
note-attachment-over-limit = Anhang { $name } ({ $mb } MB) weggelassen: größer als die Grenze von { $limit_mb } MB.
note-attachment-is-link = Anhang { $name } weggelassen: ein Link auf eine Cloud-Datei, keine Datei.
note-attachment-refused = Anhang { $name } weggelassen: Odoo hat ihn abgelehnt („{ $reason }“).
note-left-the-folder = Vor dem Ablegen aus dem Übertragungsordner genommen, daher nicht abgelegt.
note-skipped-by-person = Wie gewünscht übersprungen; sie bleibt im Übertragungsordner.
note-on-opportunity = An der Verkaufschance: { $note }

## What happened to one event (crates/core/src/calendar/notes.rs, EventNote)

cal-created = In Odoo angelegt.
cal-joined-colleague = Der Connector einer Kollegin oder eines Kollegen hatte ihn schon angelegt; Sie wurden zu diesem Termin hinzugefügt.
cal-updated = In Outlook geändert; in Odoo aktualisiert.
cal-overwrote = In Outlook geändert; in Odoo aktualisiert. In Odoo zwischenzeitlich geändert und überschrieben, da Outlook führt: { $fields }.
cal-created-again = Er war in Odoo gelöscht worden; neu angelegt, da Outlook führt.
cal-private = Ein privater Termin; übersprungen (Einstellung „private Termine überspringen“).
cal-cancelled-not-imported = In Outlook abgesagt; nicht übernommen.
cal-cancelled-archived = In Outlook abgesagt; in Odoo archiviert.
cal-cancelled-left = In Outlook abgesagt; in Odoo unverändert gelassen (Einstellung „abgesagte Termine archivieren“ ist aus).
cal-removed-left = Nicht mehr in Ihrem Outlook-Kalender; in Odoo unverändert gelassen (Einstellung „abgesagte Termine archivieren“ ist aus).
cal-removed-left-meeting = Aus Ihrem Outlook-Kalender gelöscht; in Odoo nehmen Sie nicht mehr teil.
cal-removed-archived = In Outlook von Ihnen als Organisator gelöscht; in Odoo archiviert.
cal-moved-outside = Aus dem abgeglichenen Zeitraum verschoben; in Odoo gelassen, wie er war.
cal-bad-time = Übersprungen: Seine Zeit ist nicht lesbar ({ $problem }). Öffnen Sie ihn in Outlook und speichern Sie ihn mit einer Zeitzone neu.
cal-unreadable = Übersprungen: Outlook hat ihn in einer nicht lesbaren Form geschickt ({ $problem }).
cal-attendees-listed = { $count ->
    [one] Eine teilnehmende Person hat keinen Kontakt in Odoo; in der Beschreibung aufgeführt.
   *[other] { $count } Teilnehmende haben keinen Kontakt in Odoo; in der Beschreibung aufgeführt.
}
cal-odoo-did-not-answer = Odoo hat nicht geantwortet; der nächste Lauf versucht es erneut.
cal-refused = Odoo hat ihn abgelehnt („{ $reason }“); der nächste Lauf versucht es erneut.
cal-no-subject = (ohne Betreff)
cal-attendees-heading = Teilnehmende ohne Kontakt in Odoo:

## What happened to one contact (crates/core/src/contacts/notes.rs)

ct-created = In Outlook angelegt.
ct-relinked = In Outlook gefunden (früher vom Connector angelegt, etwa auf einem anderen Rechner); verknüpft und aktualisiert.
ct-updated = In Odoo geändert; in Outlook aktualisiert.
ct-overwrote = In Outlook bearbeitet; Odoos Werte zurückgeschrieben, da Odoo führt: { $fields }.
ct-created-again = In Outlook gelöscht, während Sie ihm in Odoo noch folgen; neu angelegt.
ct-deleted = In Odoo nicht mehr gefolgt; in Outlook in die Gelöschten Elemente verschoben.
ct-left-alone = In Odoo nicht mehr gefolgt; in Outlook belassen und nicht mehr aktualisiert.
ct-too-many-addresses = Outlook hält drei E-Mail-Adressen; die ersten drei von { $count } wurden übernommen.
ct-phone-with-letters = Die Telefonnummer { $phone } enthält Buchstaben; unverändert übernommen.
ct-no-country = Die Anschrift hat kein Land.
ct-refused = Outlook hat ihn abgelehnt ({ $status }: { $message }); der nächste Lauf versucht es erneut.
ct-not-exported = { $reason ->
    [no_email] In Odoo gefolgt, aber ausgelassen: Der Kontakt hat keine E-Mail-Adresse (Option „Nur Kontakte mit E-Mail-Adresse“).
    [company] In Odoo gefolgt, aber ausgelassen: Es ist ein Unternehmen (Option „Auch Unternehmen“ ist aus).
    [archived] In Odoo gefolgt, aber ausgelassen: Der Kontakt ist dort archiviert.
    [only_created] Nur gefolgt, weil Sie den Kontakt in Odoo angelegt haben; ausgelassen (Option „Auch Kontakte exportieren, die Sie in Odoo anlegen“ ist aus).
   *[other] Nicht exportiert.
}
ct-demo-run = Kontakte: Die Odoo-Kontakte, denen Sie folgen, gehen in Ihr Outlook-Adressbuch („Jetzt synchronisieren“):
ct-summary = { $contacts ->
    [one] 1 Kontakt
   *[other] { $contacts } Kontakte
} → { $created } neu in Outlook, { $updated } aktualisiert, { $deleted } gelöscht
cal-demo-run = Kalender: Die Outlook-Termine ab { $start } gehen in Odoos Kalender („Jetzt synchronisieren“):
cal-no-start-date = Für den Kalender ist noch kein Startdatum gewählt: Wählen Sie, ab welchem Tag Ihre Outlook-Termine nach Odoo gehen (heute oder ein Tag in der Vergangenheit).
cal-start-date-in-future = Das Startdatum des Kalenders { $date } liegt in der Zukunft: Wählen Sie heute oder einen Tag in der Vergangenheit.
cal-odoo-syncs-outlook = Für Ihren Odoo-Benutzer ist Odoos eigener Outlook-Kalenderabgleich eingeschaltet. Zwei Abgleiche eines Kalenders verdoppeln Termine, deshalb läuft der Kalenderabgleich nicht: Beenden Sie Odoos Abgleich in Ihren Odoo-Einstellungen (Kalender → Outlook) oder überlassen Sie ihm den Kalender.
cal-not-installed = In Odoo ist die App Kalender nicht installiert; Ihre Termine hätten dort keinen Platz.
cal-prepare-will-create = Dies legt in Odoo das Feld { $field } an { $model } an (Text, indiziert). Darin halten die Connectoren aller Kolleg:innen die Outlook-Kennung jeder Besprechung fest, sodass eine Besprechung mit mehreren Teilnehmenden ein einziger Odoo-Termin ist. Sonst ändert sich nichts.
cal-prepare-nothing-to-do = Nichts zu tun: Das Feld { $field } gibt es schon; jeder Connector hält darin die Outlook-Kennung jeder Besprechung fest.
cal-prepare-done = Feld { $field } angelegt. Jeder Connector findet Besprechungen ab seinem nächsten Lauf darüber.
cal-prepare-needs-admin = Nur Odoo-Administratoren dürfen Felder anlegen. Bitten Sie jemanden mit diesen Rechten, „office-connector odoo prepare“ auszuführen; bis dahin werden Besprechungen an Name, Beginn und Ende erkannt.
cal-summary = { $events ->
    [one] 1 Termin
   *[other] { $events } Termine
} → { $created } neu in Odoo, { $updated } aktualisiert, { $linked } schon von Kolleg:innen angelegt{ $archived ->
    [0] {""}
   *[other] , { $archived } archiviert
}{ $skipped ->
    [0] {""}
   *[other] , { $skipped } übersprungen
}{ $failed ->
    [0] {""}
   *[other] , { $failed } fehlgeschlagen
}

## Die Kontaktliste der Seite Kontakte und Folgen über den Connector (crates/core/src/contacts/directory_texts.rs)

ctd-no-contacts-chosen = Wählen Sie mindestens einen Kontakt, dem Sie folgen oder nicht mehr folgen wollen.
ctd-unknown-contacts = Odoo hat keinen für Sie sichtbaren Kontakt mit der Nummer { $ids }. Nehmen Sie die Nummern aus der Kontaktliste.
ctd-not-an-id = „{ $input }“ ist keine Nummer eines Odoo-Kontakts. Geben Sie die Nummern aus der Kontaktliste an.
ctd-followed = Sie folgen in Odoo jetzt { $count ->
    [one] diesem Kontakt
   *[other] diesen { $count } Kontakten
}. { $job ->
    [on] Der nächste Kontaktabgleich legt sie in Ihrem Outlook-Adressbuch an.
   *[off] Schalten Sie den Kontaktabgleich ein, damit sie in Ihr Outlook-Adressbuch kommen.
}
ctd-unfollowed = Sie folgen in Odoo { $count ->
    [one] diesem Kontakt
   *[other] diesen { $count } Kontakten
} nicht mehr. { $delete ->
    [yes] Der nächste Kontaktabgleich verschiebt sie in Outlook in die Gelöschten Elemente.
   *[no] Kontakte, die schon in Outlook sind, bleiben dort und werden nicht mehr aktualisiert.
}
ctd-refused = Odoo hat { $count ->
    [one] 1 Kontakt
   *[other] { $count } Kontakte
} unverändert gelassen: Sie dürfen sie in Odoo nicht lesen. Bitten Sie Ihre Odoo-Administration um Zugriff.
ctd-count = { $shown } von { $total ->
    [one] 1 Kontakt
   *[other] { $total } Kontakten
}
ctd-columns = Nr.     Name · E-Mail · Firma → Stand
ctd-state-exported = in Outlook
ctd-state-exported-customer = in Outlook als Ihr Kunde (Sie sind Vertriebsmitarbeiter)
ctd-state-next-sync = gefolgt; der nächste Abgleich legt ihn in Outlook an
ctd-state-next-sync-customer = Ihr Kunde; der nächste Abgleich legt ihn in Outlook an
ctd-state-not-exported = gefolgt, nicht exportiert
ctd-state-not-followed = nicht gefolgt
ctd-reason-only-created = Sie folgen ihm nur, weil Sie ihn angelegt haben („Auch Kontakte exportieren, die Sie in Odoo anlegen“ ist aus)
ctd-reason-no-email = er hat keine E-Mail-Adresse („Nur Kontakte mit E-Mail-Adresse“ ist an)
ctd-reason-company = er ist ein Unternehmen („Auch Unternehmen, nicht nur Personen“ ist aus)
ctd-reason-archived = er ist in Odoo archiviert
ctd-salesperson = Sie sind sein Vertriebsmitarbeiter

## Das Einstellungsfenster (ui/): `t("status.intervalMinutes")` liest `ui-status-intervalMinutes`

ui-app-title = Office Connector
ui-app-subtitle = Microsoft 365 ↔ Odoo

ui-nav-label = Seiten
ui-nav-status = Status
ui-nav-mail = E-Mail
ui-nav-calendar = Kalender
ui-nav-contacts = Kontakte
ui-nav-logs = Protokoll
ui-nav-settings = Einstellungen

ui-language-label = Sprache
ui-language-de = Deutsch
ui-language-en = English
ui-language-system = Systemsprache ({ $language })
ui-language-hint = Mit der Systemsprache folgt die App der Spracheinstellung Ihres Computers.

ui-common-loading = Wird geladen …
ui-common-refresh = Aktualisieren
ui-common-none = —
ui-common-technical = Technische Details
ui-common-allRuns = Alle Läufe im Protokoll

ui-error-title = Etwas ist schiefgegangen
ui-error-unexpected = Die App konnte ihren Hintergrunddienst nicht erreichen.
ui-error-code = Fehlercode: { $code }
ui-error-retry = Erneut versuchen

ui-job-mail = E-Mail
ui-job-calendar = Kalender
ui-job-contacts = Kontakte

ui-jobState-not_set_up = Nicht eingerichtet
ui-jobState-on = Aktiv
ui-jobState-paused = Zeitplan aus

ui-outcome-success = Erfolgreich
ui-outcome-needs_attention = Wartet auf Sie
ui-outcome-incomplete = Unvollständig
ui-outcome-failed = Fehlgeschlagen
ui-outcome-running = Läuft

ui-itemOutcome-filed = Abgelegt
ui-itemOutcome-linked = Verknüpft
ui-itemOutcome-created = Angelegt
ui-itemOutcome-updated = Aktualisiert
ui-itemOutcome-deleted = Gelöscht
ui-itemOutcome-waiting = Wartet auf Entscheidung
ui-itemOutcome-unassigned = Nicht zugeordnet
ui-itemOutcome-skipped = Übersprungen
ui-itemOutcome-failed = Fehlgeschlagen
ui-itemOutcome-refused = Von Odoo abgelehnt

ui-trigger-manual = Von Hand
ui-trigger-timer = Zeitplan
ui-trigger-cli = Kommandozeile

ui-account-microsoft = Microsoft 365
ui-account-odoo = Odoo

ui-accountState-connected = Verbunden
ui-accountState-needs_sign_in = Erneut anmelden
ui-accountState-not_connected = Nicht verbunden

ui-account-noIdentity = Noch kein Konto verbunden

ui-status-heading = Status
ui-status-intro = Was der Connector für Sie erledigt und wann er das nächste Mal läuft.
ui-status-jobs = Synchronisierungen
ui-status-accounts = Konten
ui-status-noJobs = Es gibt noch keine Synchronisierung.
ui-status-state = Zustand
ui-status-interval = Intervall
ui-status-intervalMinutes = Alle { $minutes } Min.
ui-status-lastRun = Letzter Lauf
ui-status-nextRun = Nächster Lauf
ui-status-never = Noch nie
ui-status-notScheduled = Nicht geplant
ui-status-setup-mail = Einrichten: Odoo und Microsoft 365 verbinden, dann auf der Seite E-Mail einen Eingangs- und einen Ausgangs-Übertragungsordner wählen.
ui-status-setup-calendar = Einrichten: Odoo und Microsoft 365 verbinden, dann auf der Seite Kalender wählen, ab welchem Datum Ihre Outlook-Termine nach Odoo gehen.
ui-status-setup-contacts = Einrichten: Odoo und Microsoft 365 verbinden, dann auf der Seite Kontakte wählen, welche Odoo-Kontakte in Ihr Outlook-Adressbuch kommen.

ui-mail-heading = E-Mail
ui-mail-intro = E-Mails, die Sie in Outlook in Ihre Übertragungsordner legen, werden genau einmal im Chatter des passenden Odoo-Kontakts abgelegt.
ui-mail-later = Hier finden Sie künftig Ihren Eingangs- und Ausgangs-Übertragungsordner, die E-Mail-Optionen, die Entscheidungen, die auf Sie warten, wenn eine Adresse zu mehreren Kontakten gehört, unbekannte Adressen und die letzten E-Mail-Läufe.

ui-calendar-heading = Kalender
ui-calendar-intro = Ihre Outlook-Termine ab einem Startdatum werden zu Odoo-Terminen und folgen späteren Änderungen. Niemand erhält deswegen eine Einladung aus Odoo.
ui-calendar-start-heading = Startdatum
ui-calendar-start-label = Termine ab diesem Datum synchronisieren
ui-calendar-start-hint = Ihre Outlook-Termine ab diesem Tag kommen nach Odoo, ebenso spätere Änderungen daran. Wählen Sie heute oder einen vergangenen Tag.
ui-calendar-start-missing = Wählen Sie zuerst ein Startdatum: Ohne läuft der Kalender nicht.
ui-calendar-start-invalid = Geben Sie ein vollständiges Datum ein: Tag, Monat und Jahr.
ui-calendar-start-future = Das Startdatum darf nicht in der Zukunft liegen: Wählen Sie heute oder einen vergangenen Tag.
ui-calendar-start-askAdmin = Das Startdatum legt Ihre Administration fest; bitten Sie sie, es zu ändern.
ui-calendar-run-heading = Synchronisierung
ui-calendar-run-syncNow = Jetzt synchronisieren
ui-calendar-run-preview = Vorschau
ui-calendar-run-running = Kalender wird synchronisiert …
ui-calendar-run-previewing = Vorschau wird erstellt …
ui-calendar-run-progress = { $done ->
    [one] bisher 1 Termin
   *[other] bisher { $done } Termine
}
ui-calendar-run-previewHeading = Vorschau
ui-calendar-run-doneHeading = Letzte Synchronisierung
ui-calendar-run-previewNote = Es wurde nichts geschrieben: In Odoo wurde kein Termin angelegt, geändert oder archiviert.
ui-calendar-run-nothing = Kein Termin zu synchronisieren: Seit dem letzten Lauf hat sich in Ihrem Outlook-Kalender nichts geändert.
ui-calendar-run-incomplete = Ein Teil Ihres Kalenders konnte nicht gelesen oder geschrieben werden; der nächste Lauf versucht es erneut.
ui-calendar-run-col-event = Termin
ui-calendar-run-col-when = Wann
ui-calendar-run-col-outcome = Ergebnis
ui-calendar-run-col-detail = Details
ui-calendar-noSubject = (kein Betreff)
ui-calendar-options-heading = Optionen
ui-calendar-timer-heading = Zeitplan
ui-calendar-timer-needsStart = Der Zeitplan lässt sich einschalten, sobald das Startdatum gesetzt ist.
ui-calendar-runs-heading = Letzte Kalender-Läufe
ui-calendar-runs-empty = Der Kalender wurde noch nicht synchronisiert.

ui-contacts-heading = Kontakte
ui-contacts-intro = Odoo-Kontakte, denen Sie folgen, kommen in Ihr Outlook-Adressbuch und bleiben aktuell. Kontakte, die Sie in Outlook angelegt haben, bleiben unberührt.
ui-contacts-switch-heading = Kontaktabgleich
ui-contacts-switch-what = Ist er an, schreibt der Connector die Odoo-Kontakte, denen Sie folgen, in Ihr Outlook-Adressbuch ({ $folder ->
    [own] in einen Ordner „Odoo“
   *[main] in Ihren Hauptordner Kontakte
}) und hält sie aus Odoo aktuell. Er ändert nie Odoos Kontakte und rührt die Kontakte, die Sie selbst in Outlook angelegt haben, nicht an.
ui-contacts-switch-off = Der Kontaktabgleich ist aus: In Outlook wird nichts geschrieben, bis Sie ihn einschalten.
ui-contacts-options-heading = Optionen
ui-contacts-run-heading = Abgleich
ui-contacts-run-syncNow = Jetzt synchronisieren
ui-contacts-run-preview = Vorschau
ui-contacts-run-running = Kontakte werden abgeglichen…
ui-contacts-run-previewing = Vorschau wird erstellt…
ui-contacts-run-previewHeading = Vorschau
ui-contacts-run-doneHeading = Letzter Abgleich
ui-contacts-run-previewNote = Es wurde nichts geschrieben: Kein Kontakt in Outlook wurde angelegt, geändert oder gelöscht.
ui-contacts-run-nothing = Nichts zu tun: Ihr Outlook-Adressbuch entspricht schon dem, dem Sie in Odoo folgen.
ui-contacts-run-incomplete = Ein Teil der Kontakte konnte nicht gelesen oder geschrieben werden; der nächste Lauf versucht es erneut.
ui-contacts-run-needsSwitch = Schalten Sie zuerst den Kontaktabgleich ein: Er schreibt in Ihr Outlook-Adressbuch.
ui-contacts-run-col-contact = Kontakt
ui-contacts-run-col-outcome = Ergebnis
ui-contacts-run-col-detail = Einzelheiten
ui-contacts-list-heading = Odoo-Kontakte
ui-contacts-list-intro = Wenn Sie einem Kontakt in Odoo folgen, kommt er in Ihr Outlook-Adressbuch. Folgen oder entfolgen Sie hier, einem oder vielen auf einmal; Odoo zeigt dasselbe.
ui-contacts-list-customers = Außerdem werden die Kontakte exportiert, deren Vertriebsmitarbeiter Sie sind, auch ohne dass Sie ihnen folgen (Option „Alle Kunden exportieren, deren Vertriebsmitarbeiter Sie sind“).
ui-contacts-list-search = Nach Name oder E-Mail suchen
ui-contacts-list-filter = Anzeigen
ui-contacts-list-filter-all = Alle Kontakte
ui-contacts-list-filter-followed = Gefolgt
ui-contacts-list-filter-exported = In Outlook
ui-contacts-list-filter-followed_not_exported = Gefolgt, nicht in Outlook
ui-contacts-list-filter-not_followed = Nicht gefolgt
ui-contacts-list-filter-has_email = Mit E-Mail-Adresse
ui-contacts-list-count = { $shown } von { $total ->
    [one] 1 Kontakt
   *[other] { $total } Kontakten
}
ui-contacts-list-empty = Kein Kontakt passt.
ui-contacts-list-selectAll = Alle angezeigten auswählen
ui-contacts-list-select = { $name } auswählen
ui-contacts-list-selected = { $count ->
    [0] Nichts ausgewählt
    [one] 1 ausgewählt
   *[other] { $count } ausgewählt
}
ui-contacts-list-follow = Folgen
ui-contacts-list-unfollow = Nicht mehr folgen
ui-contacts-list-working = Odoo wird Bescheid gegeben…
ui-contacts-list-previous = Vorige Seite
ui-contacts-list-next = Nächste Seite
ui-contacts-list-col-name = Name
ui-contacts-list-col-email = E-Mail
ui-contacts-list-col-company = Unternehmen
ui-contacts-list-col-status = Stand
ui-contacts-list-company = Unternehmen
ui-contacts-list-archived = archiviert
ui-contacts-state-exported = In Outlook
ui-contacts-state-exportedCustomer = In Outlook als Ihr Kunde
ui-contacts-state-next_sync = Gefolgt; kommt mit dem nächsten Abgleich nach Outlook
ui-contacts-state-nextSyncCustomer = Ihr Kunde; kommt mit dem nächsten Abgleich nach Outlook
ui-contacts-state-not_exported = Gefolgt, nicht in Outlook
ui-contacts-state-not_followed = Nicht gefolgt
ui-contacts-state-salesperson = Sie sind sein Vertriebsmitarbeiter
ui-contacts-reason-only_created = Sie folgen ihm nur, weil Sie ihn angelegt haben
ui-contacts-reason-no_email = er hat keine E-Mail-Adresse
ui-contacts-reason-company = Unternehmen sind ausgenommen
ui-contacts-reason-archived = er ist in Odoo archiviert
ui-contacts-runs-heading = Letzte Kontakt-Läufe
ui-contacts-runs-empty = Die Kontakte wurden noch nicht abgeglichen.

ui-logs-heading = Protokoll
ui-logs-intro = Jeder Lauf und was er mit jedem Eintrag gemacht hat, der neueste zuerst.
ui-logs-filters = Läufe filtern
ui-logs-filter-job = Bereich
ui-logs-filter-outcome = Ergebnis
ui-logs-filter-text = Zusammenfassungen durchsuchen
ui-logs-filter-all = Alle
ui-logs-count = { $shown } von { $total } Läufen
ui-logs-empty = Bisher gab es noch keinen Lauf.
ui-logs-noMatch = Kein Lauf passt zu diesen Filtern.
ui-logs-col-started = Gestartet
ui-logs-col-job = Bereich
ui-logs-col-outcome = Ergebnis
ui-logs-col-summary = Zusammenfassung
ui-logs-details-heading = Lauf { $id }
ui-logs-details-pick = Wählen Sie einen Lauf, um zu sehen, was er getan hat.
ui-logs-details-trigger = Gestartet durch
ui-logs-details-started = Gestartet
ui-logs-details-finished = Beendet
ui-logs-details-stillRunning = Läuft noch
ui-logs-details-counts = Zahlen
ui-logs-details-events = Einträge
ui-logs-details-noEvents = Dieser Lauf hat keine Einträge berührt.
ui-logs-details-close = Details schließen

ui-settings-heading = Einstellungen
ui-settings-intro = Ihre persönlichen Optionen auf diesem Computer.
ui-settings-later = Hier finden Sie künftig auch die Verbindungen zu Odoo und Microsoft 365 mit einem Verbindungstest sowie das Intervall jeder Synchronisierung, in den Grenzen, die Ihre Administration gesetzt hat.

ui-nav-setup = Einrichtung

ui-setup-heading = Verbindungen einrichten
ui-setup-intro = Drei Schritte: Ihr Odoo-Konto, Ihr Microsoft-365-Postfach und die Ordner, deren E-Mails nach Odoo gehen.
ui-setup-steps = Schritte der Einrichtung
ui-setup-step-odoo = Odoo
ui-setup-step-microsoft = Microsoft 365
ui-setup-step-folders = Übertragungsordner
ui-setup-stepOf = Schritt { $n } von { $total }
ui-setup-stepDone = erledigt
ui-setup-next = Weiter
ui-setup-back = Zurück
ui-setup-finish = Fertigstellen
ui-setup-done-heading = Alles eingerichtet
ui-setup-done-text = Odoo und Microsoft 365 sind verbunden und Ihre Übertragungsordner gewählt. Die Statusseite zeigt, wann sie das nächste Mal geprüft werden.
ui-setup-done-status = Zum Status
ui-setup-prompt-title = Noch nicht eingerichtet
ui-setup-prompt-text = Verbinden Sie Odoo und Microsoft 365 und wählen Sie Ihre Übertragungsordner. Das dauert nur wenige Minuten.
ui-setup-prompt-action = Einrichtung starten

ui-common-yes = Ja
ui-common-no = Nein
ui-common-installed = Installiert
ui-common-notInstalled = Nicht installiert

ui-setup-odoo-heading = Ihr Odoo-Konto verbinden
ui-setup-odoo-intro = Der Connector meldet sich als Ihr eigener Odoo-Benutzer an und funktioniert daher mit Odoo Online, Odoo.sh und eigenen Servern gleichermaßen. Auf dem Server wird nichts installiert.
ui-setup-odoo-url = Odoo-Adresse
ui-setup-odoo-url-hint = Die Adresse, unter der Sie Odoo öffnen, z. B. meinefirma.odoo.com. Sie dürfen sie mit /odoo oder /web am Ende aus dem Browser kopieren.
ui-setup-odoo-url-missing = Geben Sie die Adresse Ihres Odoo ein.
ui-setup-odoo-url-invalid = Das sieht nicht wie eine Webadresse aus. Geben Sie sie z. B. als meinefirma.odoo.com ein.
ui-setup-odoo-db = Datenbank
ui-setup-odoo-db-detect = Datenbanken suchen
ui-setup-odoo-db-detecting = Datenbanken werden gesucht …
ui-setup-odoo-db-hint = Die meisten Server haben eine Datenbank, die automatisch gefunden wird. Verbirgt der Server seine Liste, geben Sie den Namen ein, den Ihnen Ihre Administration genannt hat.
ui-setup-odoo-db-choose = Datenbank wählen
ui-setup-odoo-db-auto = Automatisch erkennen
ui-setup-odoo-db-found = { $count } Datenbanken auf diesem Server gefunden.
ui-setup-odoo-db-typeInstead = Namen stattdessen eingeben
ui-setup-odoo-db-pickFromList = Aus der Liste wählen
ui-setup-odoo-login = Benutzername
ui-setup-odoo-login-hint = Meist Ihre E-Mail-Adresse.
ui-setup-odoo-login-missing = Geben Sie Ihren Odoo-Benutzernamen ein.
ui-setup-odoo-secret = API-Schlüssel
ui-setup-odoo-secret-missing = Geben Sie Ihren API-Schlüssel (oder Ihr Passwort) ein.
ui-setup-odoo-secret-why = API-Schlüssel oder Passwort?
ui-setup-odoo-secret-explain = Ein API-Schlüssel wirkt wie Ihr Passwort, aber nur für den Connector: Sie können ihn jederzeit widerrufen, ohne Ihr Passwort zu ändern, und niemand kann sich damit auf der Odoo-Website anmelden. Ihr Passwort funktioniert auch, wir empfehlen aber einen Schlüssel.
ui-setup-odoo-secret-where = So erstellen Sie einen in Odoo: oben rechts auf Ihr Bild klicken → Mein Profil (oder Einstellungen) → Kontosicherheit → Neuer API-Schlüssel. Geben Sie ihm einen Namen wie „Office Connector“, bestätigen Sie mit Ihrem Passwort und kopieren Sie den angezeigten Schlüssel.
ui-setup-odoo-secret-password = Das sieht eher nach einem Passwort als nach einem API-Schlüssel aus. Es funktioniert, aber ein API-Schlüssel ist sicherer.
ui-setup-odoo-test = Testen und verbinden
ui-setup-odoo-testing = Verbindung zu Odoo wird hergestellt …
ui-setup-odoo-result = Mit Odoo verbunden
ui-setup-odoo-user = Benutzer
ui-setup-odoo-version = Version
ui-setup-odoo-database = Datenbank
ui-setup-odoo-calendar = Kalender
ui-setup-odoo-crm = CRM
ui-setup-odoo-already = Bereits verbunden als { $user }. Verbinden Sie neu, um das zu ändern, oder machen Sie weiter.
ui-setup-ms-heading = Bei Microsoft 365 anmelden
ui-setup-ms-intro = Der Connector erreicht Ihr Postfach mit Ihrer eigenen Microsoft-Anmeldung. Ihre Administration registriert die App einmal; Sie brauchen deren zwei IDs.
ui-setup-ms-register = So wird die App registriert (für Administratoren)
ui-setup-ms-register-1 = Im Microsoft Entra Admin Center (entra.microsoft.com) App-Registrierungen → Neue Registrierung öffnen. Einen Namen wie „Odoo Office Connector“ vergeben und „Nur Konten in diesem Organisationsverzeichnis“ wählen.
ui-setup-ms-register-2 = Unter Authentifizierung → Plattform hinzufügen „Mobile und Desktopanwendungen“ wählen und die Umleitungs-URI { $redirect } eintragen. Microsoft ignoriert den Port bei localhost-Adressen, daher genügt dieser eine Eintrag.
ui-setup-ms-register-3 = „Öffentliche Clientflows zulassen“ auf Ja stellen (nötig für die Anmeldung mit Code). Diese Registrierung braucht keinen geheimen Clientschlüssel.
ui-setup-ms-register-4 = Unter API-Berechtigungen diese delegierten Microsoft-Graph-Berechtigungen hinzufügen: { $scopes }. Falls Ihre Organisation es verlangt, die Administratorzustimmung erteilen.
ui-setup-ms-register-5 = Die Anwendungs-ID (Client) und die Verzeichnis-ID (Mandant) von der Übersichtsseite in die Felder unten kopieren.
ui-setup-ms-registerWeb = Schon als Web-App registriert (ältere Einrichtung)?
ui-setup-ms-registerWeb-text = Eine als Web registrierte App mit einer Umleitung auf /office365/authorization Ihres Odoo-Servers funktioniert auch: Fügen Sie { $redirect } als weitere Web-Umleitungs-URI hinzu und geben Sie unten ihren geheimen Clientschlüssel ein. Wer beides verwechselt, bekommt von Microsoft AADSTS7000218 (Web-App ohne ihren Schlüssel) oder AADSTS700025 (Schlüssel für eine Desktop-App gesendet).
ui-setup-ms-clientId = Anwendungs-ID (Client)
ui-setup-ms-clientId-hint = Sieht aus wie 00000000-0000-0000-0000-000000000000; auf der Übersichtsseite der App.
ui-setup-ms-clientId-missing = Geben Sie die Anwendungs-ID (Client) ein.
ui-setup-ms-clientId-invalid = Eine Anwendungs-ID sieht aus wie 00000000-0000-0000-0000-000000000000: 32 Buchstaben und Ziffern in fünf Gruppen.
ui-setup-ms-tenant = Verzeichnis (Mandant)
ui-setup-ms-tenant-hint = Lassen Sie organizations für jedes Geschäfts- oder Schulkonto stehen, oder geben Sie Ihre Verzeichnis-ID (Mandanten-ID) oder Domäne ein.
ui-setup-ms-tenant-invalid = Geben Sie eine Verzeichnis-ID (Mandanten-ID), eine Domäne wie contoso.com oder organizations ein.
ui-setup-ms-web = Die App ist als Web registriert (ältere Einrichtung) und hat einen geheimen Clientschlüssel
ui-setup-ms-secret = Geheimer Clientschlüssel
ui-setup-ms-secret-hint = Der Wert des Schlüssels, nicht seine ID. Er wird im Schlüsselbund Ihres Systems gespeichert, nie in einer Datei.
ui-setup-ms-secret-missing = Eine Web-Registrierung braucht ihren geheimen Clientschlüssel.
ui-setup-ms-signIn = Im Browser anmelden
ui-setup-ms-deviceCode = Stattdessen mit Code anmelden
ui-setup-ms-deviceCode-hint = Für Computer ohne Browser: Sie geben einen Code auf einem anderen Gerät ein.
ui-setup-ms-waitingBrowser = Warten auf den Browser … Schließen Sie die Anmeldung im geöffneten Browserfenster ab und kehren Sie dann hierher zurück.
ui-setup-ms-waitingCode = Öffnen Sie { $url } auf einem beliebigen Gerät und geben Sie diesen Code ein:
ui-setup-ms-codeLabel = Ihr Code
ui-setup-ms-waitingCodeAfter = Warten, bis Sie den Code eingegeben haben …
ui-setup-ms-cancel = Anmeldung abbrechen
ui-setup-ms-cancelled = Die Anmeldung wurde abgebrochen. Sie können sie erneut starten.
ui-setup-ms-testing = Ihr Postfach wird geprüft …
ui-setup-ms-result = Bei Microsoft 365 angemeldet
ui-setup-ms-upn = Angemeldet als
ui-setup-ms-mailbox = Postfach
ui-setup-ms-reachable = Erreichbar
ui-setup-ms-unreachable = Nicht erreichbar
ui-setup-ms-already = Bereits angemeldet als { $upn }. Melden Sie sich neu an, um das zu ändern, oder machen Sie weiter.
ui-setup-folders-heading = Übertragungsordner wählen
ui-setup-folders-intro = E-Mails im Eingangsordner werden in Odoo beim Absender abgelegt, E-Mails im Ausgangsordner bei den Empfängern. Outlook-Regeln oder Ziehen und Ablegen füllen sie.
ui-setup-folders-incoming = Eingangsordner
ui-setup-folders-outgoing = Ausgangsordner
ui-setup-folders-none = Noch nicht gewählt
ui-setup-folders-target = Jetzt wählen
ui-setup-folders-tree = Ordner in Ihrem Postfach
ui-setup-folders-treeHint = Klicken Sie auf einen Ordner, um ihn als { $target } zu verwenden.
ui-setup-folders-loading = Ordner werden geladen …
ui-setup-folders-expand = Unterordner von { $name } zeigen
ui-setup-folders-collapse = Unterordner von { $name } ausblenden
ui-setup-folders-counts = { $unread } ungelesen · { $total } insgesamt
ui-setup-folders-create = Oder einen neuen Ordner direkt unter Ihrem Postfach anlegen
ui-setup-folders-createName = Name des neuen { $target }s
ui-setup-folders-createButton = Anlegen und verwenden
ui-setup-folders-creating = Wird angelegt …
ui-setup-folders-nameMissing = Geben Sie einen Namen für den neuen Ordner ein.
ui-setup-folders-existing = „{ $name }“ gibt es in Ihrem Postfach schon; dieser Ordner wird verwendet statt eines zweiten.
ui-setup-folders-same = Eingangs- und Ausgangsordner müssen zwei verschiedene Ordner sein.
ui-setup-folders-missing = Wählen Sie einen Eingangs- und einen Ausgangsordner.
ui-setup-folders-chosen = { $target }: { $path }
ui-setup-target-incoming = Eingangsordner
ui-setup-target-outgoing = Ausgangsordner

ui-test-heading = Verbindungstest
ui-test-intro = Prüft beide Verbindungen jetzt, mit dem, was auf diesem Computer gespeichert ist.
ui-test-run = Verbindungen testen
ui-test-running = Wird getestet …
ui-test-notRun = Noch nicht getestet.
ui-test-ok = Funktioniert
ui-test-problem = Problem
ui-test-notConnected = Nicht verbunden
ui-test-needsSignIn = Erneut anmelden
ui-test-server = Server
ui-test-tenant = Verzeichnis

ui-settings-connections = Verbindungen
ui-settings-setup = Einrichtungsassistent öffnen
ui-settings-setupHint = Der Einrichtungsassistent verbindet Odoo und Microsoft 365 und wählt Ihre Übertragungsordner.
ui-settings-options = Optionen
ui-settings-group-general = Allgemein
ui-settings-group-mail = E-Mail
ui-settings-group-calendar = Kalender
ui-settings-group-contacts = Kontakte
ui-settings-group-advanced = Erweitert
ui-settings-advancedHint = Ändern Sie diese nur, wenn Ihre Administration Sie darum bittet, z. B. für eine nationale Cloud.
ui-settings-locked = Von Ihrer Administration festgelegt
ui-settings-saved = Gespeichert
ui-settings-reset = Standard verwenden
ui-settings-minutes = Minuten
ui-settings-megabytes = MB
ui-settings-notSet = Nicht gesetzt

ui-setting-general-notify_every_run = Auch nach jedem Lauf benachrichtigen, der etwas abgelegt oder geändert hat
ui-setting-mail-sync_interval_minutes = Übertragungsordner prüfen alle
ui-setting-mail-delete_after_transfer = E-Mails nach dem Ablegen aus dem Übertragungsordner löschen
ui-setting-mail-attachment_limit_mb = Anhänge weglassen, die größer sind als
ui-setting-mail-file_on_opportunity = Auch bei der einzigen offenen Verkaufschance des Kontakts ablegen
ui-setting-mail-include_colleagues = Auch E-Mails an und von Kollegen ablegen
ui-setting-calendar-sync_interval_minutes = Kalender synchronisieren alle
ui-setting-calendar-start_date = Termine ab diesem Datum synchronisieren
ui-setting-calendar-enabled = Kalender nach Zeitplan synchronisieren
ui-setting-calendar-skip_private = Private Termine nicht nach Odoo übertragen
ui-setting-calendar-archive_cancelled = In Outlook abgesagte oder gelöschte Termine in Odoo archivieren
ui-setting-contacts-sync_interval_minutes = Kontakte synchronisieren alle
ui-setting-contacts-delete_after_unfollow = Outlook-Kontakt löschen, wenn Sie ihm in Odoo nicht mehr folgen
ui-setting-contacts-sync_salutations = Anreden übernehmen (Herr, Frau, Dr. …)
ui-setting-contacts-sync_photos = Kontaktfotos übernehmen
ui-setting-contacts-backlink_to_odoo = Link zum Odoo-Kontakt ins Feld Webseite schreiben
ui-setting-contacts-auto_export_new = Auch Kontakte exportieren, die Sie in Odoo anlegen
ui-setting-contacts-export_all_my_customers = Alle Kunden exportieren, deren Vertriebsmitarbeiter Sie sind
ui-setting-contacts-enabled = Kontakte nach Zeitplan synchronisieren
ui-setting-contacts-only_with_email = Nur Kontakte mit E-Mail-Adresse
ui-setting-contacts-include_companies = Auch Unternehmen, nicht nur Personen
ui-setting-contacts-sync_categories = Odoo-Schlagwörter als Outlook-Kategorien übernehmen
ui-setting-contacts-own_folder = Kontakte in einen Ordner „Odoo“ statt in den Hauptordner Kontakte legen
ui-setting-microsoft-authority_url = Microsoft-Anmeldeadresse
ui-setting-microsoft-graph_url = Microsoft-Graph-Adresse

ui-settingHint-mail-delete_after_transfer = Eine E-Mail verlässt den Ordner erst, wenn Odoo sie bestätigt hat; sie kommt in „Gelöschte Elemente“.
ui-settingHint-calendar-skip_private = Aus: Private Termine kommen nach Odoo, als privat markiert.
ui-settingHint-calendar-archive_cancelled = Aus: Solche Termine bleiben in Odoo, wie sie sind.

ui-mail-cancel = Abbrechen
ui-mail-noSubject = (kein Betreff)
ui-mail-waitingMails = E-Mails, die im Übertragungsordner warten ({ $count }):
ui-mail-contact-lastActivity = Zuletzt geändert in Odoo: { $when }
ui-mail-folders-heading = Übertragungsordner
ui-mail-folders-change = Ändern
ui-mail-folders-changeFor = { $target } ändern
ui-mail-folders-pick = { $target } wählen
ui-mail-folders-hint = Bereits abgelegte E-Mails werden nach einem Ordnerwechsel nicht noch einmal abgelegt.
ui-mail-run-heading = Übertragung
ui-mail-run-syncNow = Jetzt synchronisieren
ui-mail-run-preview = Vorschau
ui-mail-run-running = E-Mails werden abgelegt …
ui-mail-run-previewing = Vorschau wird erstellt …
ui-mail-run-progress = { $done } von { $total }
ui-mail-run-notSetUp = Wählen Sie zuerst beide Übertragungsordner.
ui-mail-run-previewHeading = Vorschau
ui-mail-run-doneHeading = Letzte Übertragung
ui-mail-run-previewNote = Es wurde nichts geschrieben: kein Eintrag in Odoo, keine E-Mail verschoben.
ui-mail-run-nothing = In den Übertragungsordnern liegen keine E-Mails.
ui-mail-run-col-subject = Betreff
ui-mail-run-col-outcome = Ergebnis
ui-mail-run-col-detail = Details
ui-mail-run-contacts = Kontakte: { $count }
ui-mail-refused-heading = Von Odoo abgelehnt
ui-mail-refused-intro = Odoo lehnt diese E-Mails so, wie sie sind, ab; ein unveränderter neuer Versuch hilft also nicht. Sie bleiben im Übertragungsordner. Versuchen Sie eine E-Mail erneut, sobald sich etwas geändert hat (etwa nachdem Ihre Odoo-Administration die Ursache behoben hat), oder überspringen Sie sie, damit sie nicht abgelegt wird.
ui-mail-refused-retry = Erneut versuchen
ui-mail-refused-skip = Überspringen
ui-mail-decisions-heading = Entscheidungen
ui-mail-decisions-intro = Diese Adressen gehören mehreren Odoo-Kontakten. Wählen Sie, wer die E-Mails bekommt; Ihre Wahl gilt auch für spätere E-Mails von und an diese Adresse.
ui-mail-decisions-empty = Es warten keine Entscheidungen auf Sie.
ui-mail-decide-why = { $count } Kontakte teilen sich diese Adresse.
ui-mail-decide-candidates = Kontakte mit der Adresse { $address }
ui-mail-decide-fileOn = Bei den gewählten Kontakten ablegen ({ $count })
ui-mail-decide-none = Bei keinem
ui-mail-decide-remembered = Für { $address } gemerkt. Die nächste Übertragung legt die wartenden E-Mails ab.
ui-mail-decide-rememberedNone = Gemerkt: E-Mails mit { $address } werden bei niemandem abgelegt.
ui-mail-unassigned-heading = Nicht zugeordnet
ui-mail-unassigned-intro = Kein Odoo-Kontakt hat diese Adressen. Die E-Mails bleiben im Übertragungsordner, bis Sie entscheiden.
ui-mail-unassigned-empty = Jede Adresse hat einen Kontakt.
ui-mail-unassigned-create = Kontakt in Odoo anlegen
ui-mail-unassigned-pick = Vorhandenen Kontakt wählen
ui-mail-unassigned-ignore = Diese Adresse künftig ignorieren
ui-mail-unassigned-createFor = Neuer Odoo-Kontakt für { $address }
ui-mail-unassigned-name = Name
ui-mail-unassigned-email = E-Mail
ui-mail-unassigned-company = Firma
ui-mail-unassigned-companyHint = Vorschlag aus der Domain { $domain }; für eine Privatperson leer lassen.
ui-mail-unassigned-createNow = Kontakt anlegen
ui-mail-unassigned-created = { $name } wurde in Odoo für { $address } angelegt. Die nächste Übertragung legt die wartenden E-Mails ab.
ui-mail-pick-search = Odoo-Kontakte suchen
ui-mail-pick-placeholder = Name, Firma oder E-Mail
ui-mail-pick-find = Suchen
ui-mail-pick-noMatch = Kein aktiver Kontakt passt zu „{ $query }“.
ui-mail-pick-results = Gefundene Kontakte für { $address }
ui-mail-choices-heading = Gemerkte Entscheidungen
ui-mail-choices-intro = Adressen, zu denen Sie schon entschieden haben. Spätere E-Mails folgen dieser Wahl.
ui-mail-choices-empty = Sie haben noch zu keiner Adresse entschieden.
ui-mail-choices-nobody = Niemand (ignoriert)
ui-mail-choices-change = Ändern
ui-mail-choices-changeFor = Entscheidung für { $address } ändern
ui-mail-choices-contactId = Kontakt { $id }
ui-mail-options-heading = Optionen
ui-mail-runs-heading = Letzte Übertragungen
ui-mail-runs-empty = Die E-Mail-Übertragung ist noch nicht gelaufen.
