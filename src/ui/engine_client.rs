//! The views' side of the engine: starts the worker, sends typed requests
//! and hands each reply to the code that asked. `use_query` follows a
//! view's question reactively, drops answers to questions it has since
//! replaced, and keeps recent answers so a revisit shows at once.

use crate::engine::protocol::{decode, encode, Export, Query, Reply, Request};
use crate::ui::io;
use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader, written by Trunk next to `index.html`.
const WORKER_URL: &str = "./engine_loader.js";
/// Answers kept for instant revisits.
const KEEP_ANSWERS: usize = 96;

/// Called with each reply to a request (and an export's bytes); returns
/// true when the request is finished and needs no more replies.
type OnReply = Box<dyn FnMut(Reply, Option<Uint8Array>) -> bool>;

struct Client {
    worker: web_sys::Worker,
    /// The engine said it listens; until then messages wait in `queue`.
    ready: bool,
    queue: Vec<Object>,
    next_id: u64,
    pending: HashMap<u64, OnReply>,
    answers: VecDeque<(Vec<u8>, Arc<[u8]>)>,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Starts the engine worker (once, at the app's start).
pub fn start() {
    let worker = match web_sys::Worker::new(WORKER_URL) {
        Ok(w) => w,
        Err(e) => {
            web_sys::console::error_2(&"engine worker did not start".into(), &e);
            return;
        }
    };
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(receive);
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    CLIENT.with(|c| {
        *c.borrow_mut() = Some(Client {
            worker,
            ready: false,
            queue: Vec::new(),
            next_id: 1,
            pending: HashMap::new(),
            answers: VecDeque::new(),
            _on_message: on_message,
        })
    });
    mark_busy(false);
}

/// Marks `<html data-engine="busy|idle">` (for tests and the benchmark to
/// wait on a state, not on time). Idle is set a turn later, after the views
/// rendered the last answer.
fn mark_busy(busy: bool) {
    if busy {
        io::mark_root("engine", "busy");
        return;
    }
    let _ = io::after(0, move || {
        let idle = CLIENT.with(|c| c.borrow().as_ref().is_none_or(|c| c.pending.is_empty()));
        if idle {
            io::mark_root("engine", "idle");
        }
    });
}

fn receive(ev: web_sys::MessageEvent) {
    let data = ev.data();
    if Reflect::get(&data, &"ready".into()).is_ok_and(|v| v.is_truthy()) {
        CLIENT.with(|c| {
            if let Some(c) = c.borrow_mut().as_mut() {
                c.ready = true;
                for msg in c.queue.drain(..) {
                    let _ = c.worker.post_message(&msg);
                }
            }
        });
        return;
    }
    let id = Reflect::get(&data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u64;
    let Some(reply) = Reflect::get(&data, &"bytes".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .and_then(|b| decode::<Reply>(&b.to_vec()))
    else {
        return;
    };
    let bytes = Reflect::get(&data, &"file".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok());
    // Take the handler out while it runs: it may send new requests.
    let Some(mut on_reply) = CLIENT.with(|c| c.borrow_mut().as_mut()?.pending.remove(&id)) else {
        return;
    };
    if !on_reply(reply, bytes) {
        CLIENT.with(|c| {
            if let Some(c) = c.borrow_mut().as_mut() {
                c.pending.insert(id, on_reply);
            }
        });
    }
    mark_busy(CLIENT.with(|c| c.borrow().as_ref().is_some_and(|c| !c.pending.is_empty())));
}

/// Sends a request with an optional file; `on_reply` gets every reply.
pub fn send(
    request: &Request,
    blob: Option<&web_sys::Blob>,
    on_reply: impl FnMut(Reply, Option<Uint8Array>) -> bool + 'static,
) -> u64 {
    let body = Uint8Array::from(encode(request).as_slice());
    mark_busy(true);
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(c) = c.as_mut() else { return 0 };
        let id = c.next_id;
        c.next_id += 1;
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"id".into(), &JsValue::from_f64(id as f64));
        let _ = Reflect::set(&msg, &"bytes".into(), &body);
        if let Some(b) = blob {
            let _ = Reflect::set(&msg, &"blob".into(), b);
        }
        if !c.ready {
            c.queue.push(msg);
        } else if c.worker.post_message(&msg).is_err() {
            return id;
        }
        c.pending.insert(id, Box::new(on_reply));
        id
    })
}

fn cached(key: &[u8]) -> Option<Arc<[u8]>> {
    CLIENT.with(|c| {
        c.borrow()
            .as_ref()?
            .answers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    })
}

fn remember(key: Vec<u8>, answer: Arc<[u8]>) {
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            if c.answers.len() >= KEEP_ANSWERS {
                c.answers.pop_front();
            }
            c.answers.push_back((key, answer));
        }
    });
}

/// The engine's answer to the question `ask` builds, following the
/// signals `ask` reads; `None` until the first answer. A new question
/// keeps the last answer on screen until its own arrives.
pub fn use_query<T>(
    ask: impl Fn() -> Option<Query> + Send + Sync + 'static,
) -> Signal<Option<Arc<T>>>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let out = RwSignal::new(None::<Arc<T>>);
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(q) = ask() else {
            latest.set_value(0);
            out.set(None);
            return;
        };
        let key = encode(&q);
        if let Some(bytes) = cached(&key) {
            latest.set_value(0);
            if let Some(v) = decode::<T>(&bytes) {
                out.set(Some(Arc::new(v)));
            }
            return;
        }
        let slot = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let mine = slot.clone();
        let id = send(&Request::Query(q), None, move |reply, _| {
            if latest.try_get_value() != Some(mine.load(std::sync::atomic::Ordering::Relaxed)) {
                return true;
            }
            if let Reply::Answer(bytes) = reply {
                match decode::<T>(&bytes) {
                    Some(v) => {
                        remember(key.clone(), bytes.into());
                        out.set(Some(Arc::new(v)));
                    }
                    // A bug, not a user's problem: loud in the console (and so in the tests).
                    None => web_sys::console::error_1(&"engine answer unreadable".into()),
                }
            }
            true
        });
        slot.store(id, std::sync::atomic::Ordering::Relaxed);
        latest.set_value(id);
    });
    out.into()
}

/// Asks the engine for a one-off answer (not cached, not followed).
pub fn ask<T: serde::de::DeserializeOwned + 'static>(
    request: Request,
    then: impl FnOnce(Option<T>) + 'static,
) {
    let mut then = Some(then);
    send(&request, None, move |reply, _| {
        if let Some(f) = then.take() {
            f(match reply {
                Reply::Answer(bytes) => decode::<T>(&bytes),
                _ => None,
            });
        }
        true
    });
}

/// Asks the engine for an export and offers it as a download; `failed`
/// gets a reason when the browser refuses the download.
pub fn export(e: Export, failed: impl Fn(String) + 'static) {
    download(Request::Export(e), failed);
}

/// Sends a request the engine answers with a file and offers the file as
/// a download; `failed` gets a reason when the browser refuses it.
pub fn download(request: Request, failed: impl Fn(String) + 'static) {
    send(&request, None, move |reply, bytes| {
        if let (Reply::File { name, mime }, Some(bytes)) = (reply, bytes) {
            if let Err(e) = io::download_array(&name, &mime, &bytes) {
                failed(e);
            }
        }
        true
    });
}
