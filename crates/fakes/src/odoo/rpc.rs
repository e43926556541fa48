//! The `/jsonrpc` services (`common`, `object`, `db`) and the JSON-2 API of Odoo 19.
//!
//! `/jsonrpc` contract (FACTS 1-12): body `{"jsonrpc":"2.0","method":"call","params":{"service",
//! "method","args"},"id"}`, the id echoed as given (string or null); success `{"result": ...}` and
//! NO `result` key when the method returns None; every error HTTP 200 with the error object of
//! `errors.rs`. Wrong password or unknown login: `authenticate`/`login` answer `false`,
//! `execute_kw` raises AccessDenied. API keys work wherever the password does.

use serde_json::{Map, Value, json};

use super::access::Role;
use super::errors::{RpcError, RpcResult};
use super::models::{self, CallArgs};
use super::orm::Env;
use super::state::OdooState;

/// Answers one JSON-RPC request body with the full response object.
pub fn handle_jsonrpc(state: &mut OdooState, body: &Value) -> Value {
    let id = body.get("id").cloned().unwrap_or(Value::Null);
    let params = body.get("params").cloned().unwrap_or(Value::Null);
    let outcome = dispatch(state, &params);
    let mut out = Map::new();
    out.insert("jsonrpc".into(), Value::from("2.0"));
    out.insert("id".into(), id);
    match outcome {
        Ok(Some(result)) => {
            out.insert("result".into(), result);
        }
        Ok(None) => {}
        Err(err) => {
            out.insert("error".into(), err.to_json());
        }
    }
    Value::Object(out)
}

fn str_arg(args: &[Value], i: usize) -> String {
    match args.get(i) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn dispatch(state: &mut OdooState, params: &Value) -> RpcResult {
    let text = |key: &str| {
        params
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (service, method) = (text("service"), text("method"));
    let args: Vec<Value> = params
        .get("args")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    match service.as_str() {
        "common" => common(state, &method, &args),
        "db" => db(state, &method),
        "object" => object(state, &method, &args),
        other => Err(RpcError::key(other)),
    }
}

/// What `odoo.service.<module>` answers for a method it does not have.
fn no_such_method(module: &str, method: &str) -> RpcError {
    RpcError::new(
        "builtins.AttributeError",
        format!("module 'odoo.service.{module}' has no attribute 'exp_{method}'"),
    )
}

/// The `common` service: version and login.
fn common(state: &mut OdooState, method: &str, args: &[Value]) -> RpcResult {
    state.count(&format!("common.{method}"));
    match method {
        "version" => Ok(Some(state.version.version_info())),
        "login" | "authenticate" => {
            let db = str_arg(args, 0);
            if !state.dbs.contains_key(&db) {
                return Err(RpcError::no_database(&db));
            }
            Ok(Some(
                state
                    .login(&db, &str_arg(args, 1), &str_arg(args, 2))
                    .map(Value::from)
                    .unwrap_or(Value::Bool(false)),
            ))
        }
        "about" => Ok(Some(Value::from("See http://openerp.com"))),
        other => Err(no_such_method("common", other)),
    }
}

/// The `db` service: the databases and the server's version.
fn db(state: &mut OdooState, method: &str) -> RpcResult {
    state.count(&format!("db.{method}"));
    match method {
        "list" => Ok(Some(Value::Array(
            state.dbs.keys().cloned().map(Value::from).collect(),
        ))),
        "server_version" => Ok(Some(Value::from(format!("{}.0", state.version.major())))),
        other => Err(no_such_method("db", other)),
    }
}

/// The `object` service: `execute_kw` and the older `execute`.
fn object(state: &mut OdooState, method: &str, args: &[Value]) -> RpcResult {
    match method {
        "execute_kw" => {
            if args.len() < 6 {
                return Err(missing_positional(args.len()));
            }
            let kwargs = args
                .get(6)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let call_args = args[5].as_array().cloned().unwrap_or_default();
            execute(
                state,
                &str_arg(args, 0),
                args[1].as_i64().unwrap_or(0),
                &str_arg(args, 2),
                &str_arg(args, 3),
                &str_arg(args, 4),
                &call_args,
                kwargs,
            )
        }
        "execute" => {
            if args.len() < 5 {
                return Err(RpcError::type_error(
                    "execute() missing required positional arguments",
                ));
            }
            execute(
                state,
                &str_arg(args, 0),
                args[1].as_i64().unwrap_or(0),
                &str_arg(args, 2),
                &str_arg(args, 3),
                &str_arg(args, 4),
                &args[5..],
                Map::new(),
            )
        }
        other => Err(no_such_method("model", other)),
    }
}

/// Python's TypeError for `execute_kw` called with `given` of its six positional arguments.
fn missing_positional(given: usize) -> RpcError {
    const NAMES: [&str; 6] = ["db", "uid", "passwd", "model", "method", "args"];
    let missing: Vec<String> = NAMES[given..].iter().map(|n| format!("'{n}'")).collect();
    let list = match missing.len() {
        1 => missing[0].clone(),
        n => format!("{} and {}", missing[..n - 1].join(", "), missing[n - 1]),
    };
    let noun = if missing.len() == 1 {
        "argument"
    } else {
        "arguments"
    };
    RpcError::type_error(format!(
        "execute_kw() missing {} required positional {noun}: {list}",
        missing.len()
    ))
}

/// Runs `execute_kw` after checking the database and the credentials.
#[allow(clippy::too_many_arguments)]
pub fn execute(
    state: &mut OdooState,
    db: &str,
    uid: i64,
    password: &str,
    model: &str,
    method: &str,
    args: &[Value],
    mut kwargs: Map<String, Value>,
) -> RpcResult {
    state.count(&format!("{model}.{method}"));
    if !state.dbs.contains_key(db) {
        return Err(RpcError::no_database(db));
    }
    let role = state.check_credentials(db, uid, password)?;
    run_as(state, db, uid, role, model, method, args, &mut kwargs)
}

/// Runs a model method as the user with that login, as if they clicked it in Odoo: their
/// rights, the full ORM, no password, not counted as an API request (`/_fake/act`). `Err` when
/// the database or the login is unknown.
pub fn act_as(
    state: &mut OdooState,
    db: &str,
    login: &str,
    model: &str,
    method: &str,
    args: &[Value],
    mut kwargs: Map<String, Value>,
) -> Result<RpcResult, String> {
    let database = state
        .dbs
        .get(db)
        .ok_or_else(|| format!("no database {db}"))?;
    let uid = database
        .ids("res.users")
        .into_iter()
        .find(|u| database.text("res.users", *u, "login").as_deref() == Some(login))
        .ok_or_else(|| format!("no user {login} in {db}"))?;
    let role = database.roles.get(&uid).copied().unwrap_or(Role::Internal);
    Ok(run_as(
        state,
        db,
        uid,
        role,
        model,
        method,
        args,
        &mut kwargs,
    ))
}

#[allow(clippy::too_many_arguments)]
fn run_as(
    state: &mut OdooState,
    db: &str,
    uid: i64,
    role: Role,
    model: &str,
    method: &str,
    args: &[Value],
    kwargs: &mut Map<String, Value>,
) -> RpcResult {
    let mut context = match kwargs.remove("context") {
        Some(Value::Object(c)) => c,
        _ => Map::new(),
    };
    context.entry("uid").or_insert(json!(uid));
    let now = state.clock.now();
    let version = state.version;
    let Some(database) = state.dbs.get_mut(db) else {
        return Err(RpcError::no_database(db));
    };
    if !database.registry.models.contains_key(model) {
        return Err(RpcError::user(format!("Object {model} doesn't exist")));
    }
    // NOTE: a failed call must not leave half of its writes behind (Odoo rolls the transaction
    // back), so the call runs on a copy that replaces the database only on success.
    const READ_ONLY: &[&str] = &[
        "search",
        "search_read",
        "read",
        "search_count",
        "fields_get",
        "name_search",
        "context_get",
        "get_param",
        "read_group",
    ];
    if READ_ONLY.contains(&method) {
        let mut env = Env {
            db: database,
            uid,
            role,
            context,
            now,
            version,
        };
        return models::call(&mut env, model, method, &CallArgs { args, kwargs });
    }
    let mut working = database.clone();
    let outcome = {
        let mut env = Env {
            db: &mut working,
            uid,
            role,
            context,
            now,
            version,
        };
        models::call(&mut env, model, method, &CallArgs { args, kwargs })
    };
    if outcome.is_ok() {
        *database = working;
    } else {
        // NOTE: PostgreSQL sequences are not transactional: ids a failed call took stay used.
        for (model, table) in &working.tables {
            let next = table.next_id;
            let kept = database.table(model);
            kept.next_id = kept.next_id.max(next);
        }
    }
    outcome
}

/// Odoo 19's `/json/2/<model>/<method>`: bearer API key, database from `X-Odoo-Database`.
///
/// Answers (HTTP status, JSON body). Errors carry Odoo 19's shape
/// `{name, message, arguments, context, debug}` with a status per exception class.
pub fn handle_json2(
    state: &mut OdooState,
    db: Option<&str>,
    bearer: Option<&str>,
    model: &str,
    method: &str,
    body: &Value,
) -> (u16, Value) {
    state.count(&format!("{model}.{method}"));
    let fail = |err: RpcError| {
        let status = match err.name.as_str() {
            "odoo.exceptions.AccessDenied" => 401,
            "odoo.exceptions.AccessError" => 403,
            "odoo.exceptions.MissingError" => 404,
            "odoo.exceptions.UserError"
            | "odoo.exceptions.ValidationError"
            | "builtins.ValueError" => 422,
            _ => 500,
        };
        let data = err.to_json().get("data").cloned().unwrap_or(Value::Null);
        (status, data)
    };
    let db = match db {
        Some(d) => d.to_string(),
        None if state.dbs.len() == 1 => state.dbs.keys().next().cloned().unwrap_or_default(),
        None => {
            return fail(RpcError::new(
                "werkzeug.exceptions.BadRequest",
                "Missing X-Odoo-Database header",
            ));
        }
    };
    if !state.dbs.contains_key(&db) {
        return fail(RpcError::no_database(&db));
    }
    let Some(key) = bearer else {
        return fail(RpcError::access_denied());
    };
    let Some(uid) = state.uid_for_api_key(&db, key) else {
        return fail(RpcError::access_denied());
    };
    let role = state
        .dbs
        .get(&db)
        .and_then(|d| d.roles.get(&uid).copied())
        .unwrap_or(Role::Internal);
    let mut kwargs = body.as_object().cloned().unwrap_or_default();
    let args: Vec<Value> = match kwargs.remove("ids") {
        Some(ids) => vec![ids],
        None => vec![],
    };
    match run_as(state, &db, uid, role, model, method, &args, &mut kwargs) {
        Ok(result) => (200, result.unwrap_or(Value::Null)),
        Err(err) => fail(err),
    }
}
