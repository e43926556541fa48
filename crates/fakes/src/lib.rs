//! Fake Microsoft Graph and fake Odoo, served over HTTP on 127.0.0.1.
//!
//! They stand in for services no machine here can reach, so they follow the recorded reference in
//! `shared/reference/` and never share types with the client in `office-connector-core`: a fake
//! that shared the client's types could not catch the client's mistakes.

pub mod graph;
pub mod odoo;
