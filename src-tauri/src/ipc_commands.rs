// The window's IPC surface, declared once: each command the settings window may call, with the
// arguments it sends (as the window names them) and what it answers. `build.rs` makes the
// permissions from it, `crate::ipc` the command handler, and a test the TypeScript declaration
// `ui/src/lib/commands.ts` that `ui/src/lib/ipc.ts` is checked against.
ipc_commands! {
    commands::status() -> AppStatus;
    commands::list_runs(filter: Option<RunQuery>) -> Vec<RunView>;
    commands::show_run(id: i64) -> RunDetailsView;
    commands::get_settings() -> SettingsView;
    commands::set_setting(key: String, value: Option<String>) -> ();
    wizard::odoo_databases(url: String) -> Vec<String>;
    wizard::connect_odoo(request: OdooConnectRequestView) -> OdooConnection;
    wizard::sign_in_microsoft(request: MicrosoftSignInRequestView) -> MicrosoftConnectionView;
    wizard::start_device_code(request: MicrosoftSignInRequestView) -> DeviceCodeView;
    wizard::finish_device_code() -> MicrosoftConnectionView;
    wizard::cancel_microsoft_sign_in() -> ();
    wizard::test_connection() -> ConnectionTestView;
    wizard::list_mail_folders(parentId: Option<String>) -> Vec<MailFolderEntry>;
    wizard::get_mail_folder(id: String) -> MailFolderEntry;
    wizard::create_mail_folder(name: String) -> MailFolderEntry;
    wizard::get_setting_entries() -> Vec<SettingEntryView>;
    mail::sync_mail(request: MailSyncRequestView) -> MailRunView;
    mail::mail_progress() -> Option<MailProgressView>;
    mail::mail_decisions() -> Vec<Decision>;
    mail::mail_choices() -> Vec<RememberedChoice>;
    mail::choose_mail_contacts(address: String, choice: AddressChoice) -> ();
    mail::create_mail_contact(address: String, name: String, company: Option<String>) -> i64;
    mail::search_mail_contacts(query: String) -> Vec<Contact>;
    mail::refused_mails() -> Vec<RefusedMail>;
    mail::retry_refused_mail(key: String) -> String;
    mail::skip_refused_mail(key: String) -> String;
    calendar::sync_calendar(request: CalendarSyncRequestView) -> CalendarRunView;
    calendar::calendar_progress() -> Option<CalendarProgressView>;
    contacts::sync_contacts(request: ContactsSyncRequestView) -> ContactsRunView;
    contacts::contact_directory(query: DirectoryQuery) -> ContactDirectory;
    contacts::follow_contacts(ids: Vec<i64>, follow: bool) -> FollowChange;
}
