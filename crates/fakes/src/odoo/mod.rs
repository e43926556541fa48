//! Fake Odoo external API (JSON-RPC), faithful to shared/reference/odoo/.
