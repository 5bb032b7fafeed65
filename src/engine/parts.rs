//! A large text file imported in parts (`domain::ingest::parts`) by the
//! engine and a helper worker at once: the engine reads the first half of
//! the parts as one chain (one data set, no merging), the helper the
//! second half, each fetching its next part while it parses one; the
//! engine then merges the two chains. Natively it is plain Rust: the
//! worker only fetches bytes and carries the messages.
//!
//! The helper is the same program: an [`Engine`](super::Engine) that is
//! sent [`HelperRequest`]s instead of the views' requests. The messages
//! between the two are their own types, so the page's program never links
//! them.

use crate::domain::ingest::parts::{Part, PartPlan, PartProblem};
use crate::domain::ingest::{ColumnMapping, FileError, Importer, OpenedFile, PartsSpec};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// Who holds a part's text (kept, so another mapping reads it again
/// without reading or decoding the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Holder {
    Engine,
    Helper,
}

/// What the engine asks of the helper.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum HelperRequest {
    /// Read these consecutive parts of the opened file as one chain (the
    /// blob travels beside the message; texts kept from an earlier read
    /// of `file` are used where there are some) and answer
    /// [`HelperReply::Chain`].
    Chain {
        run: u64,
        file: u64,
        parts: Vec<(usize, Range<usize>)>,
        opened: Box<HelperFile>,
        mapping: ColumnMapping,
    },
    /// Stop reading for `run` before part `end` (the engine reads from
    /// there on).
    Truncate { run: u64, end: usize },
    /// Stop reading for `run` (a cancel or a new import).
    Stop { run: u64 },
}

/// The opened file as far as reading its parts needs it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HelperFile {
    pub headers: Vec<String>,
    pub spec: PartsSpec,
}

/// What the helper says back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum HelperReply {
    /// Part `k` read: what it adds to the chain (`Part::to_bytes` of the
    /// delta beside the message).
    Part {
        run: u64,
        k: usize,
    },
    /// The chain is read, its parts up to `end`.
    Chain {
        run: u64,
        end: usize,
    },
    Failed {
        run: u64,
        problem: PartProblem,
    },
}

/// One part's state on the engine's side.
#[derive(Debug)]
enum Slot {
    /// Nobody has taken it yet.
    Free,
    /// Its bytes are being fetched.
    Reading,
    /// Its text is here, waiting for a chain.
    Text(Arc<String>),
    /// Read into one of the engine's chains (the text is kept: a chain
    /// the helper overtook is read again).
    Fed(Arc<String>),
    /// The helper's.
    Helper,
}

/// What the engine's side of a run needs next.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Parse a slice of the part being read.
    Parse,
    /// Waiting for the bytes of its own part `k`.
    Bytes(usize),
    /// The helper is to stop before part `k`: the engine reads the parts
    /// from there on (it finished its own first).
    Truncate(usize),
    /// Waiting for the helper's chain.
    Helper,
    /// Every chain is read: join them.
    Merge,
    /// The parts cannot be used: read the file whole.
    Whole,
}

/// An import in parts: the engine's chain over parts `0..split`, the
/// helper's over `split..helper_end`, and, when the engine finished first
/// and took the helper's last parts, the engine's tail chain over
/// `helper_end..`.
pub struct PartsRun {
    pub run: u64,
    pub mapping: ColumnMapping,
    slots: Vec<Slot>,
    split: usize,
    helper_end: usize,
    chain: Option<Box<Importer>>,
    tail: Option<Box<Importer>>,
    /// A chain is still reading the part fed last (the tail's once the
    /// main chain is complete).
    busy: bool,
    /// Parts fed to the main chain, and the next part for the tail.
    fed: usize,
    tail_next: usize,
    /// The helper's deltas not yet joined, the numbering they follow, and
    /// where it said its chain ends.
    helper_queue: std::collections::VecDeque<Part>,
    helper_map: crate::domain::model::Renumbering,
    helper_end_said: Option<usize>,
    helper_asked: bool,
    /// Parts the helper has sent.
    helper_parts: usize,
    /// The main chain has read its last part.
    main_done: bool,
    sizes: Vec<usize>,
    len: usize,
    pub problem: Option<PartProblem>,
    /// A required field without a column.
    pub error: Option<FileError>,
}

impl PartsRun {
    /// A run over the parts of `plan`. Parts whose text is kept are read
    /// by whoever holds it; with no texts kept and a helper at hand, the
    /// helper takes the second half.
    pub fn new(
        run: u64,
        mapping: ColumnMapping,
        plan: &PartPlan,
        kept: &[(Option<Holder>, Option<Arc<String>>)],
        helper: bool,
    ) -> PartsRun {
        let n = plan.parts();
        let held = kept.iter().position(|k| k.0 == Some(Holder::Helper));
        let split = match held {
            Some(at) if helper && at > 0 => at,
            _ if helper && n > 1 => n / 2,
            _ => n,
        };
        // The helper holds a run of parts from `split`; the engine the rest.
        let helper_end = match held {
            Some(at) if helper && at > 0 => kept[split..]
                .iter()
                .position(|k| k.0 != Some(Holder::Helper))
                .map_or(n, |i| split + i),
            _ => n,
        };
        let slots = (0..n)
            .map(|k| match kept.get(k) {
                _ if (split..helper_end).contains(&k) => Slot::Helper,
                Some((Some(Holder::Engine), Some(text))) => Slot::Text(text.clone()),
                _ => Slot::Free,
            })
            .collect();
        PartsRun {
            run,
            mapping,
            slots,
            split,
            helper_end,
            chain: None,
            tail: None,
            busy: false,
            fed: 0,
            tail_next: helper_end,
            helper_queue: Default::default(),
            helper_map: Default::default(),
            helper_end_said: None,
            helper_asked: false,
            helper_parts: 0,
            main_done: false,
            sizes: (0..n).map(|k| plan.read_range(k).len()).collect(),
            len: plan.len,
            problem: None,
            error: None,
        }
    }

    /// The helper's parts.
    pub fn helper_range(&self) -> Range<usize> {
        self.split..self.helper_end
    }

    /// The engine's parts in the order its chains read them.
    fn engine_parts(&self) -> impl Iterator<Item = usize> {
        (0..self.split).chain(self.helper_end..self.slots.len())
    }

    /// The engine's next part to fetch (in order).
    pub fn claim_front(&mut self) -> Option<usize> {
        let k = self
            .engine_parts()
            .find(|&k| matches!(self.slots[k], Slot::Free))?;
        self.slots[k] = Slot::Reading;
        Some(k)
    }

    /// The helper's parts, once: `None` when it has none or was asked.
    pub fn helper_parts(&mut self) -> Option<Range<usize>> {
        if self.helper_asked || self.split >= self.helper_end {
            return None;
        }
        self.helper_asked = true;
        Some(self.split..self.helper_end)
    }

    /// Without a helper (it could not start, or stopped): the engine reads
    /// the helper's parts too, from the file (as its tail chain, or the
    /// main chain's continuation when it has not finished its own yet).
    pub fn without_helper(&mut self) {
        if self.helper_end_said.is_some() || self.split >= self.helper_end {
            return;
        }
        // Its deltas so far are of no use: the main chain reads its parts.
        self.helper_queue.clear();
        self.helper_map = Default::default();
        self.helper_parts = 0;
        if self.main_done {
            // (absorbed deltas cannot be taken back: read the file whole)
            self.problem = Some(PartProblem::Unsupported);
            return;
        }
        let n = self.slots.len();
        // Everything from the helper's first part on is read again in order.
        for s in &mut self.slots[self.split..] {
            *s = match std::mem::replace(s, Slot::Free) {
                Slot::Text(t) | Slot::Fed(t) => Slot::Text(t),
                _ => Slot::Free,
            };
        }
        if self.fed >= self.split && self.tail.is_some() {
            self.tail = None;
            if self.busy {
                self.busy = false;
            }
        }
        self.split = n;
        self.helper_end = n;
        self.tail_next = n;
        self.helper_asked = false;
    }

    /// The engine's own part `k` has its text (or could not be decoded).
    pub fn text_for(&mut self, k: usize, text: Result<Arc<String>, PartProblem>) {
        match text {
            Ok(t) => {
                if let Some(s @ (Slot::Reading | Slot::Free)) = self.slots.get_mut(k) {
                    *s = Slot::Text(t);
                }
            }
            Err(p) => self.problem = Some(p),
        }
    }

    /// The helper read part `k`: its delta.
    pub fn helper_part(&mut self, k: usize, part: Part) {
        self.helper_parts = (k + 1).saturating_sub(self.split);
        self.helper_queue.push_back(part);
    }

    /// The helper's chain is read, its parts up to `end`. Past the
    /// engine's truncation (the message came too late), the engine's tail
    /// starts again after it.
    pub fn helper_done(&mut self, end: usize) {
        self.helper_end_said = Some(end);
        if end > self.helper_end {
            let n = self.slots.len();
            for s in &mut self.slots[self.helper_end..end.min(n)] {
                *s = Slot::Helper;
            }
            for s in &mut self.slots[end.min(n)..] {
                if let Slot::Fed(t) = s {
                    *s = Slot::Text(t.clone());
                }
            }
            if self.main_done {
                self.busy = false;
            }
            self.tail = None;
            self.helper_end = end.min(n);
            self.tail_next = self.helper_end;
        }
    }

    /// Share of the file read, 0–1.
    pub fn progress(&self) -> f64 {
        let fed = |k: usize| matches!(self.slots[k], Slot::Fed(_));
        let done: usize = self
            .engine_parts()
            .filter(|&k| fed(k))
            .map(|k| self.sizes[k])
            .sum::<usize>()
            + self.sizes[self.split..self.helper_end]
                .iter()
                .take(self.helper_parts)
                .sum::<usize>();
        ((done as f64) / self.len.max(1) as f64).min(1.0)
    }

    /// The text of part `k` for a chain, or what the engine waits for.
    fn take_text(&mut self, k: usize) -> Result<Arc<String>, Next> {
        match &self.slots[k] {
            Slot::Text(t) => {
                let t = t.clone();
                self.slots[k] = Slot::Fed(t.clone());
                Ok(t)
            }
            Slot::Free => {
                self.slots[k] = Slot::Reading;
                Err(Next::Bytes(k))
            }
            _ => Err(Next::Bytes(k)),
        }
    }

    fn start_chain(
        &mut self,
        file: &OpenedFile,
        k: usize,
        text: Arc<String>,
    ) -> Option<Box<Importer>> {
        let Some(spec) = file.parts() else {
            self.problem = Some(PartProblem::Unsupported);
            return None;
        };
        let skip = if k == 0 { spec.skip } else { 0 };
        match Importer::over_part(
            text,
            spec.delimiter,
            skip,
            self.mapping.clone(),
            file.headers.clone(),
        ) {
            Ok(c) => Some(Box::new(c)),
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// What the engine's side does next.
    pub fn next(&mut self, file: &OpenedFile) -> Next {
        if self.problem.is_some() {
            return Next::Whole;
        }
        if self.busy || self.error.is_some() {
            return Next::Parse;
        }
        let n = self.slots.len();
        if self.fed < self.split {
            let k = self.fed;
            let text = match self.take_text(k) {
                Ok(t) => t,
                Err(wait) => return wait,
            };
            self.fed += 1;
            match &mut self.chain {
                Some(c) => c.next_part(text),
                None => match self.start_chain(file, k, text) {
                    Some(c) => self.chain = Some(c),
                    None => return self.next(file),
                },
            }
            self.busy = true;
            return Next::Parse;
        }
        // The helper's deltas join the main chain as they come.
        if let Some(delta) = self.helper_queue.pop_front() {
            if let Some(c) = &mut self.chain {
                c.absorb(delta, &mut self.helper_map);
            }
            return Next::Parse;
        }
        if self.tail_next < n {
            let k = self.tail_next;
            let text = match self.take_text(k) {
                Ok(t) => t,
                Err(wait) => return wait,
            };
            self.tail_next += 1;
            match &mut self.tail {
                Some(c) => c.next_part(text),
                None => match self.start_chain(file, k, text) {
                    Some(c) => self.tail = Some(c),
                    None => return self.next(file),
                },
            }
            self.busy = true;
            return Next::Parse;
        }
        if self.helper_end_said.is_some() || self.split >= self.helper_end {
            return Next::Merge;
        }
        // The engine is done and the helper is not: take half the parts it
        // has not started (one it may be starting now excepted).
        let started = self.split + self.helper_parts + 1;
        let left = self.helper_end.saturating_sub(started);
        let from = (self.helper_end - left / 2).max(started + 1);
        if from < self.helper_end && self.helper_end == n {
            for s in &mut self.slots[from..] {
                *s = Slot::Free;
            }
            self.helper_end = from;
            self.tail_next = from;
            return Next::Truncate(from);
        }
        Next::Helper
    }

    /// Parses up to `rows` rows of the part being read.
    pub fn parse(&mut self, rows: usize) {
        let main = !self.main_done;
        let chain = if main {
            &mut self.chain
        } else {
            &mut self.tail
        };
        if let (Some(c), true) = (chain, self.busy) {
            if c.step(rows) {
                self.busy = false;
                if main && self.fed >= self.split {
                    self.main_done = true;
                }
            }
        }
    }

    /// The import: the engine's chain joined by the helper's and its tail.
    pub fn finish(
        &mut self,
        file: &OpenedFile,
    ) -> Result<Result<crate::domain::ingest::ImportReport, FileError>, PartProblem> {
        let mut chain = self.chain.take().ok_or(PartProblem::Unsupported)?;
        if let Some(mut tail) = self.tail.take() {
            chain.absorb(tail.drain_part(), &mut Default::default());
        }
        chain.finish_joined(file.name.clone(), file.format.clone())
    }
}

/// The helper's side of a run: its chain so far.
pub struct HelperChain {
    pub run: u64,
    pub file: u64,
    pub opened: HelperFile,
    pub mapping: ColumnMapping,
    chain: Option<Importer>,
    pub parts: usize,
    /// The part after the last one read, and where to stop.
    pub end: usize,
    pub limit: usize,
}

impl HelperChain {
    pub fn new(run: u64, file: u64, opened: HelperFile, mapping: ColumnMapping) -> HelperChain {
        HelperChain {
            run,
            file,
            opened,
            mapping,
            chain: None,
            parts: 0,
            end: 0,
            limit: usize::MAX,
        }
    }

    /// Reads the chain's next part, `k`.
    pub fn feed(&mut self, k: usize, text: Arc<String>) -> Result<(), FileError> {
        match &mut self.chain {
            Some(c) => c.next_part(text),
            None => {
                self.chain = Some(Importer::over_part(
                    text,
                    self.opened.spec.delimiter,
                    if k == 0 { self.opened.spec.skip } else { 0 },
                    self.mapping.clone(),
                    self.opened.headers.clone(),
                )?)
            }
        }
        self.parts += 1;
        self.end = k + 1;
        Ok(())
    }

    /// What the parts fed since the last call add to the chain.
    pub fn drain(&mut self) -> Option<Part> {
        self.chain.as_mut().map(Importer::drain_part)
    }
}
