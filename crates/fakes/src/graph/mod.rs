//! Fake Microsoft identity platform and Microsoft Graph v1.0 (see shared/reference/graph/).
