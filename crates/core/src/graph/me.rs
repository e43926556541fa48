//! The signed-in person: `GET /me?$select=id,displayName,userPrincipalName,mail`
//! (https://learn.microsoft.com/graph/api/user-get). Needs `User.Read`. Used by the connection
//! test and to name the account after sign-in.

use serde::{Deserialize, Serialize};

use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;

/// The signed-in person as Graph describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    /// Object id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// User principal name (the sign-in name).
    pub user_principal_name: String,
    /// Primary SMTP address.
    #[serde(default)]
    pub mail: Option<String>,
}

/// Reads the signed-in person.
pub async fn get_me(client: &GraphClient) -> Result<Me, GraphError> {
    client
        .get("/me?$select=id,displayName,userPrincipalName,mail")
        .await
}
