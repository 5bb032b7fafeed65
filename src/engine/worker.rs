//! The engine's Web Worker side: receives the views' requests, answers
//! them from the [`Engine`], and drives long work in ~30 ms slices so a
//! cancel (a message like any other) is read between two slices.

use super::protocol::{decode, encode, Reply, Request};
use super::{Engine, Step};
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

/// Milliseconds of work between two looks at the message queue.
const SLICE_MS: f64 = 30.0;
/// Rows per engine step (a few milliseconds).
const STEP_ROWS: usize = 2_000;

struct State {
    engine: Engine,
    /// Questions to answer ahead, one per turn while nothing else runs.
    warm: std::collections::VecDeque<crate::engine::protocol::Query>,
    warming: bool,
    /// Counts started imports: a loop whose import was replaced stops.
    generation: u64,
    cancel: bool,
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Sends `reply` to request `id`, with a file's bytes when given; both
/// buffers are transferred, not copied.
fn post(id: f64, reply: &Reply, file: Option<Vec<u8>>) {
    let msg = Object::new();
    let body = Uint8Array::from(encode(reply).as_slice());
    let _ = Reflect::set(&msg, &"id".into(), &JsValue::from_f64(id));
    let _ = Reflect::set(&msg, &"bytes".into(), &body);
    let transfer = Array::of1(&body.buffer());
    if let Some(b) = file {
        let array = Uint8Array::from(b.as_slice());
        let _ = Reflect::set(&msg, &"file".into(), &array);
        transfer.push(&array.buffer());
    }
    let _ = scope().post_message_with_transfer(&msg, &transfer);
}

/// A message channel to itself, kept for the worker's life, and the
/// resolvers of the yields waiting on it.
struct Turns {
    channel: web_sys::MessageChannel,
    waiting: Rc<RefCell<std::collections::VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn Fn()>,
}

thread_local! {
    static TURNS: Option<Turns> = {
        let channel = web_sys::MessageChannel::new().ok()?;
        let waiting: Rc<RefCell<std::collections::VecDeque<js_sys::Function>>> = Rc::default();
        let queue = waiting.clone();
        let on_message = Closure::<dyn Fn()>::new(move || {
            let next = queue.borrow_mut().pop_front();
            if let Some(resolve) = next {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Turns { channel, waiting, _on_message: on_message })
    };
}

/// Lets the worker read its message queue before work continues. A
/// message to itself, not `setTimeout(0)`: nested timeouts are clamped to
/// 4 ms, which would cost an import a tenth of its time.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        TURNS.with(|t| match t {
            Some(t) => {
                t.waiting.borrow_mut().push_back(resolve);
                let _ = t.channel.port2().post_message(&JsValue::NULL);
            }
            None => {
                let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
    });
    let _ = JsFuture::from(promise).await;
}

async fn read_blob(blob: Blob) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Answers the warm-up questions one per turn (the answers go to the
/// engine's cache), so a question the page asks meanwhile waits for one at
/// most.
async fn warm(state: Rc<RefCell<State>>) {
    if std::mem::replace(&mut state.borrow_mut().warming, true) {
        return;
    }
    loop {
        yield_now().await;
        let mut s = state.borrow_mut();
        if s.engine.is_running() {
            s.warm.clear();
        }
        let Some(q) = s.warm.pop_front() else {
            s.warming = false;
            return;
        };
        let _ = s.engine.query(&q);
    }
}

/// Runs the started import or demo to its end, in slices.
async fn drive(state: Rc<RefCell<State>>, id: f64, hold: bool) {
    let mine = {
        let mut s = state.borrow_mut();
        s.generation += 1;
        s.cancel = false;
        s.generation
    };
    let mut first = true;
    loop {
        let step = {
            let mut s = state.borrow_mut();
            if s.generation != mine {
                return;
            }
            if s.cancel {
                s.cancel = false;
                let reply = s.engine.cancel();
                drop(s);
                post(id, &reply, None);
                return;
            }
            let start = now();
            let mut last = None;
            while now() - start < SLICE_MS {
                last = s.engine.step(STEP_ROWS);
                if !matches!(last, Some(Step::Progress(_))) {
                    break;
                }
            }
            last
        };
        match step {
            Some(Step::Progress(p)) => post(id, &Reply::Progress(p), None),
            Some(Step::Done(reply)) => {
                post(id, &reply, None);
                return;
            }
            None => return,
        }
        // Tests hold the import open here until they cancel it.
        if hold && first {
            while !state.borrow().cancel && state.borrow().generation == mine {
                yield_now().await;
            }
        }
        first = false;
        yield_now().await;
    }
}

fn handle(state: &Rc<RefCell<State>>, ev: MessageEvent) {
    let data = ev.data();
    let id = Reflect::get(&data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let Some(request) = Reflect::get(&data, &"bytes".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .and_then(|b| decode::<Request>(&b.to_vec()))
    else {
        post(id, &Reply::Stale, None);
        return;
    };
    let blob = Reflect::get(&data, &"blob".into())
        .ok()
        .and_then(|b| b.dyn_into::<Blob>().ok());
    match request {
        Request::Open { name, sheet } => {
            let state = state.clone();
            spawn_local(async move {
                let bytes = match blob {
                    Some(b) => match read_blob(b).await {
                        Ok(bytes) => Some(bytes),
                        Err(e) => {
                            post(
                                id,
                                &Reply::Failed(
                                    crate::domain::ingest::FileError::UnreadableWorkbook {
                                        reason: e,
                                    },
                                ),
                                None,
                            );
                            return;
                        }
                    },
                    None => None,
                };
                let reply = state
                    .borrow_mut()
                    .engine
                    .open(bytes, &name, sheet.as_deref());
                post(id, &reply, None);
            });
        }
        Request::Import { mapping, hold } => {
            let failed = state.borrow_mut().engine.start_import(mapping);
            match failed {
                Some(reply) => post(id, &reply, None),
                None => spawn_local(drive(state.clone(), id, hold)),
            }
        }
        Request::Demo => {
            state.borrow_mut().engine.start_demo();
            spawn_local(drive(state.clone(), id, false));
        }
        Request::Cancel => {
            {
                let mut s = state.borrow_mut();
                if s.engine.is_running() {
                    s.cancel = true;
                }
            }
            // The import itself answers `Cancelled`; this request is done.
            post(id, &Reply::Stale, None);
        }
        Request::Warm {
            at,
            settings,
            model,
        } => {
            {
                let mut s = state.borrow_mut();
                let queries = s.engine.warm_queries(&at, &settings, model);
                s.warm = queries.into();
            }
            post(id, &Reply::Stale, None);
            spawn_local(warm(state.clone()));
        }
        Request::Query(q) => {
            let reply = state.borrow_mut().engine.query(&q);
            post(id, &reply, None);
        }
        Request::Scenario(task) => {
            let (reply, file) = state.borrow().engine.scenario(&task);
            post(id, &reply, file);
        }
        Request::Export(e) => {
            let out = state.borrow_mut().engine.export(&e);
            match out {
                Some((reply, bytes)) => post(id, &reply, Some(bytes)),
                None => post(id, &Reply::Stale, None),
            }
        }
    }
}

/// The worker's entry point: listens for requests until the page closes.
pub fn run() {
    console_error_panic_hook::set_once();
    let state = Rc::new(RefCell::new(State {
        engine: Engine::new(now),
        warm: Default::default(),
        warming: false,
        generation: 0,
        cancel: false,
    }));
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev| handle(&state, ev));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages that arrive before the handler are lost, so the page waits
    // for this one before it sends any.
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope().post_message(&ready);
}
