//! `GET /me` — the signed-in user (`microsoft.graph.user`, the default property set Graph returns
//! without `$select`: id, businessPhones, displayName, givenName, jobTitle, mail, mobilePhone,
//! officeLocation, preferredLanguage, surname, userPrincipalName); `$select` narrows it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::{Caller, context, json};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::OData;
use crate::graph::state::GraphState;

/// `GET /me`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(&query, 1000)?;
    let user = caller.with_mailbox(&state, |mb| Ok(mb.user.clone()))?;
    // NOTE: the real user has many more properties; a `$select` of one this fake does not model
    // simply leaves it out.
    Ok(json(
        StatusCode::OK,
        super::project(
            json!({
                "@odata.context": context(&state, "users/$entity"),
                "businessPhones": [],
                "displayName": user.display_name,
                "givenName": user.given_name,
                "jobTitle": user.job_title,
                "mail": user.upn,
                "mobilePhone": user.mobile_phone,
                "officeLocation": user.office_location,
                "preferredLanguage": user.preferred_language,
                "surname": user.surname,
                "userPrincipalName": user.upn,
                "id": user.id,
            }),
            odata.select.as_deref(),
        ),
    ))
}
