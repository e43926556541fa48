//! Which Odoo contacts a person's address book gets: the subscription. Following a contact in
//! Odoo is subscribing to it; options add the contacts whose salesperson the person is, decide
//! whether contacts the person created (Odoo makes the creator a follower) count, and keep out
//! contacts without an address or companies. Pure: the facts come in, a reason per contact out.

use serde::{Deserialize, Serialize};

/// What Odoo says of one contact and the person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidate {
    /// `res.partner` id.
    pub id: i64,
    /// The person follows it.
    pub followed: bool,
    /// The person is its salesperson (`user_id`).
    pub salesperson: bool,
    /// The person created it (`create_uid`).
    pub created_by_me: bool,
    /// It has at least one e-mail address.
    pub has_email: bool,
    /// A company, not a person.
    pub is_company: bool,
    /// Not archived.
    pub active: bool,
}

/// The subscription options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionOptions {
    /// Contacts whose salesperson the person is are exported without following.
    pub my_customers: bool,
    /// Contacts the person created count though Odoo made them a follower automatically.
    pub created_by_me: bool,
    /// Only contacts with an e-mail address (the seed's Exchange rule).
    pub only_with_email: bool,
    /// Companies are exported too.
    pub include_companies: bool,
}

impl Default for SelectionOptions {
    fn default() -> Self {
        SelectionOptions {
            my_customers: false,
            created_by_me: false,
            only_with_email: true,
            include_companies: true,
        }
    }
}

/// Whether a contact is exported, and why (the Contacts page shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// Exported: the person follows it.
    Followed,
    /// Exported: the person is its salesperson (option).
    MyCustomer,
    /// Not exported: neither followed nor the person's customer.
    NotSubscribed,
    /// Not exported: followed only because the person created it (option off).
    OnlyCreated,
    /// Not exported: no e-mail address (option on).
    NoEmail,
    /// Not exported: a company (option off).
    Company,
    /// Not exported: archived in Odoo.
    Archived,
}

impl Selection {
    /// Whether the contact goes into Outlook.
    pub fn exported(self) -> bool {
        matches!(self, Selection::Followed | Selection::MyCustomer)
    }
}

/// Decides one contact.
pub fn select(candidate: &Candidate, options: &SelectionOptions) -> Selection {
    let followed = candidate.followed && (options.created_by_me || !candidate.created_by_me);
    let subscribed = if followed {
        Selection::Followed
    } else if options.my_customers && candidate.salesperson {
        Selection::MyCustomer
    } else if candidate.followed {
        // followed, but only as its creator, and that does not count
        return Selection::OnlyCreated;
    } else {
        return Selection::NotSubscribed;
    };
    if !candidate.active {
        Selection::Archived
    } else if options.only_with_email && !candidate.has_email {
        Selection::NoEmail
    } else if !options.include_companies && candidate.is_company {
        Selection::Company
    } else {
        subscribed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn followed() -> Candidate {
        Candidate {
            id: 1,
            followed: true,
            has_email: true,
            active: true,
            ..Candidate::default()
        }
    }

    #[test]
    fn following_is_subscribing_and_the_options_narrow_or_widen_it() {
        let o = SelectionOptions::default();
        assert_eq!(select(&followed(), &o), Selection::Followed);
        let not = Candidate {
            followed: false,
            salesperson: true,
            ..followed()
        };
        assert_eq!(select(&not, &o), Selection::NotSubscribed);
        let wide = SelectionOptions {
            my_customers: true,
            ..o.clone()
        };
        assert_eq!(select(&not, &wide), Selection::MyCustomer);
        let mine = Candidate {
            created_by_me: true,
            ..followed()
        };
        assert_eq!(select(&mine, &o), Selection::OnlyCreated);
        let counted = SelectionOptions {
            created_by_me: true,
            ..o.clone()
        };
        assert_eq!(select(&mine, &counted), Selection::Followed);
    }

    #[test]
    fn archived_addressless_and_companies_stay_out_by_the_options() {
        let o = SelectionOptions::default();
        assert_eq!(
            select(
                &Candidate {
                    active: false,
                    ..followed()
                },
                &o
            ),
            Selection::Archived
        );
        let bare = Candidate {
            has_email: false,
            ..followed()
        };
        assert_eq!(select(&bare, &o), Selection::NoEmail);
        let any = SelectionOptions {
            only_with_email: false,
            ..o.clone()
        };
        assert_eq!(select(&bare, &any), Selection::Followed);
        let company = Candidate {
            is_company: true,
            ..followed()
        };
        assert_eq!(select(&company, &o), Selection::Followed);
        let people = SelectionOptions {
            include_companies: false,
            ..o
        };
        assert_eq!(select(&company, &people), Selection::Company);
        assert!(!Selection::Company.exported() && Selection::MyCustomer.exported());
    }
}
