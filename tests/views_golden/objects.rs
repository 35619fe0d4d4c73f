//! The user, queue and group views, read as their records.

use rt_wire::Response;
use rt_wire::views::{Group, Queue, User};
use serde_json::Value;

use crate::{server_error, strs};

/// A user, queue or group (`kind`): name, group id and custom fields, or
/// RT's refusal.
pub(crate) fn check_object(c: &Value, r: &Response<'_>, file: &str, kind: &str) {
    let e = &c["expect"];
    let rec = match kind {
        "user" => User::from_response(r).map(|u| u.record().clone()),
        "queue" => Queue::from_response(r).map(|q| q.record().clone()),
        _ => Group::from_response(r).map(|g| g.record().clone()),
    };
    match rec {
        Ok(rec) => {
            if let Some(n) = e["name"].as_str() {
                assert_eq!(rec.text("Name").unwrap().unwrap(), n, "{file}");
            }
            if let Some(id) = e["group_id"].as_u64() {
                assert_eq!(rec.id_number("group").unwrap(), id, "{file}");
            }
            if let Some(cf) = e["cf"].as_object() {
                for (name, want) in cf {
                    let f = rec.custom_field(name).unwrap();
                    // RT joins user/queue/group CF values with ", "
                    // unquoted: the joined text is exact.
                    assert_eq!(f.value.to_str().unwrap(), strs(want).join(", "), "{file}");
                }
            }
        }
        Err(err) => {
            let err = server_error(Err::<(), _>(err), file);
            assert!(err.message().unwrap().message.is_failure(), "{file}");
        }
    }
}
