//! The engine, the catalogue, the built-in models and boundary decisions.

use crate::convert::{c_string, lang, out, text};
use crate::error::{boundary, guard, peer_support_result, peer_support_result as R, Failure};
use peer_support::{Decision, Engine, Lang, ModelId, Outcome, Party, Policy};
use std::ffi::{c_char, CString};
use std::ptr;
use std::sync::OnceLock;

/// The outcome of a boundary decision. The values are an ABI: never
/// renumbered or reused.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum peer_support_outcome {
    /// Allowed.
    Allowed = 1,
    /// Allowed under the decision's conditions.
    AllowedWithConditions = 2,
    /// The source discourages it ("bör inte", a warning sign): not allowed
    /// unless the unit's policy departs through a deviation.
    ShouldNot = 3,
    /// The source rules it out ("ska inte").
    Forbidden = 4,
    /// In the catalogue, but no rule decides it: not allowed until the
    /// unit's policy does.
    NotAddressed = 5,
    /// Not in the catalogue: never allowed.
    NotInCatalogue = 6,
    /// Retired from the catalogue: never decided again.
    Retired = 7,
}

impl From<Outcome> for peer_support_outcome {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Allowed => peer_support_outcome::Allowed,
            Outcome::AllowedWithConditions => peer_support_outcome::AllowedWithConditions,
            Outcome::ShouldNot => peer_support_outcome::ShouldNot,
            Outcome::Forbidden => peer_support_outcome::Forbidden,
            Outcome::NotAddressed => peer_support_outcome::NotAddressed,
            Outcome::NotInCatalogue => peer_support_outcome::NotInCatalogue,
            Outcome::Retired => peer_support_outcome::Retired,
        }
    }
}

/// Whose a condition is.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum peer_support_party {
    /// A condition on the peer supporter's act.
    Supporter = 1,
    /// An obligation on the employer or unit.
    Employer = 2,
}

impl From<Party> for peer_support_party {
    fn from(party: Party) -> Self {
        match party {
            Party::Supporter => peer_support_party::Supporter,
            Party::Employer => peer_support_party::Employer,
        }
    }
}

/// A boundary decision. Its pointers live as long as the engine.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct peer_support_decision {
    /// The outcome.
    pub outcome: peer_support_outcome,
    /// The action's code; 0 for an action not in the catalogue.
    pub code: u32,
    /// How many rules decided it.
    pub rule_count: usize,
    /// The ids of the rules that decided it, `rule_count` of them.
    pub rule_ids: *const *const c_char,
    /// How many conditions apply (`peer_support_decision_condition`).
    pub condition_count: usize,
    /// How many of the model's rules the unit's policy departs from in
    /// this decision (its deviations from a *should not*).
    pub departed_count: usize,
    /// The ids of those model rules, `departed_count` of them.
    pub departed_rule_ids: *const *const c_char,
}

/// One condition of a decision. Its strings live as long as the engine.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct peer_support_condition {
    /// Its stable id, for the journal to record which applied.
    pub id: *const c_char,
    /// Whose it is.
    pub on: peer_support_party,
    /// The condition in Swedish.
    pub text_sv: *const c_char,
    /// The condition in English.
    pub text_en: *const c_char,
}

/// One action of the catalogue. Its strings live as long as the engine.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct peer_support_action {
    /// Its stable id, e.g. `journal.write_note`.
    pub id: *const c_char,
    /// Its stable numeric code.
    pub code: u32,
    /// Its group's id, e.g. `journal_system`.
    pub group: *const c_char,
    /// What it is, in Swedish.
    pub label_sv: *const c_char,
    /// What it is, in English.
    pub label_en: *const c_char,
    /// Where the line lies, in Swedish; NULL where the catalogue says
    /// nothing.
    pub boundary_note_sv: *const c_char,
    /// Where the line lies, in English; NULL where the catalogue says
    /// nothing.
    pub boundary_note_en: *const c_char,
}

/// A built-in model. Its strings are static.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct peer_support_model {
    /// Its id, for `peer_support_engine_builtin`: `nsph`, `rkc`,
    /// `skane_mentor` or `base`.
    pub id: *const c_char,
    /// Its name in Swedish.
    pub name_sv: *const c_char,
    /// Its name in English.
    pub name_en: *const c_char,
}

/// The strings one decision's C view points into.
#[derive(Debug)]
struct DecisionData {
    /// The rule ids' strings and the array of pointers to them that
    /// `view.rule_ids` points to.
    _rules: Strings,
    /// The same for `view.departed_rule_ids`.
    _departed: Strings,
    conditions: Vec<ConditionData>,
    view: peer_support_decision,
}

#[derive(Debug)]
struct ConditionData {
    id: CString,
    on: peer_support_party,
    sv: CString,
    en: CString,
}

#[derive(Debug)]
struct ActionData {
    id: CString,
    code: u32,
    group: CString,
    label: [CString; 2],
    note: Option<[CString; 2]>,
}

/// A prepared policy: opaque, immutable and safe to share between threads.
/// Made by `peer_support_engine_builtin` or
/// `peer_support_engine_from_policy_json`, freed by
/// `peer_support_engine_free`.
#[allow(non_camel_case_types)]
pub struct peer_support_engine {
    pub(crate) engine: Engine,
    policy_id: CString,
    content_hash: CString,
    /// Per slot of `Engine::decision_slots`.
    slots: Vec<DecisionData>,
    not_in_catalogue: DecisionData,
    actions: Vec<ActionData>,
}

/// What the `unsafe impl`s below rely on, checked by the compiler: the
/// engine's owned data may be sent and shared between threads.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Engine>();
    send_and_sync::<CString>();
    send_and_sync::<Vec<CString>>();
    send_and_sync::<peer_support_party>();
};

// SAFETY: the raw pointers an engine holds (`rule_ids`, and those in each
// `view`) point into `CString`s the same engine owns, whose heap buffers
// never move or change while it lives; nothing is mutated after
// construction, so sharing or sending the engine shares only immutable
// data. Everything else it holds is `Send + Sync` (checked above).
unsafe impl Send for peer_support_engine {}
// SAFETY: as for `Send`: the engine is immutable after construction.
unsafe impl Sync for peer_support_engine {}

fn pair(text: &peer_support::Text) -> Result<[CString; 2], Failure> {
    Ok([c_string(text.get(Lang::Sv))?, c_string(text.get(Lang::En))?])
}

/// C strings and an array of pointers to them.
#[derive(Debug)]
struct Strings {
    _owned: Vec<CString>,
    pointers: Vec<*const c_char>,
}

impl Strings {
    fn new<'a>(texts: impl Iterator<Item = &'a str>) -> Result<Strings, Failure> {
        let owned = texts.map(c_string).collect::<Result<Vec<_>, _>>()?;
        let pointers = owned.iter().map(|s| s.as_ptr()).collect();
        Ok(Strings {
            _owned: owned,
            pointers,
        })
    }

    /// The array (NULL when empty); its buffer does not move when the
    /// `Strings` does.
    fn array(&self) -> *const *const c_char {
        if self.pointers.is_empty() {
            ptr::null()
        } else {
            self.pointers.as_ptr()
        }
    }
}

impl DecisionData {
    fn new(decision: &Decision) -> Result<DecisionData, Failure> {
        let rules = Strings::new(decision.rule_ids())?;
        let departed = Strings::new(decision.deviations().iter().map(|d| d.model_rule.as_str()))?;
        let conditions = decision
            .conditions()
            .map(|c| {
                let [sv, en] = pair(&c.text)?;
                Ok(ConditionData {
                    id: c_string(&c.id)?,
                    on: c.on.into(),
                    sv,
                    en,
                })
            })
            .collect::<Result<Vec<_>, Failure>>()?;
        let view = peer_support_decision {
            outcome: decision.outcome().into(),
            code: decision.action().map_or(0, |a| a.code),
            rule_count: rules.pointers.len(),
            rule_ids: rules.array(),
            condition_count: conditions.len(),
            departed_count: departed.pointers.len(),
            departed_rule_ids: departed.array(),
        };
        Ok(DecisionData {
            _rules: rules,
            _departed: departed,
            conditions,
            view,
        })
    }
}

impl peer_support_engine {
    fn new(engine: Engine) -> Result<Box<peer_support_engine>, Failure> {
        let slots = engine
            .decision_slots()
            .iter()
            .map(DecisionData::new)
            .collect::<Result<Vec<_>, _>>()?;
        let not_in_catalogue = DecisionData::new(engine.not_in_catalogue())?;
        let actions = engine
            .actions()
            .iter()
            .map(|a| {
                let group = serde_json::to_value(a.group)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                Ok(ActionData {
                    id: c_string(&a.id)?,
                    code: a.code,
                    group: c_string(&group)?,
                    label: pair(&a.label)?,
                    note: a.boundary_note.as_ref().map(pair).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, Failure>>()?;
        let policy = engine.policy();
        Ok(Box::new(peer_support_engine {
            policy_id: c_string(&policy.unit().id)?,
            content_hash: c_string(&policy.content_hash())?,
            slots,
            not_in_catalogue,
            actions,
            engine,
        }))
    }

    /// The C data of the decision with this code.
    #[inline]
    fn by_code(&self, code: u32) -> &DecisionData {
        self.engine
            .slot_of_code(code)
            .and_then(|slot| self.slots.get(slot))
            .unwrap_or(&self.not_in_catalogue)
    }

    /// The C data of the decision for this id.
    #[inline]
    fn by_id(&self, id: &str) -> &DecisionData {
        match self.engine.decide(id).action() {
            Some(action) => self.by_code(action.code),
            None => &self.not_in_catalogue,
        }
    }
}

/// The engine behind `engine`, checked not to be NULL.
///
/// # Safety
///
/// Unless NULL, `engine` was made by this library and not freed.
#[inline]
pub(crate) unsafe fn engine<'a>(
    engine: *const peer_support_engine,
) -> Result<&'a peer_support_engine, Failure> {
    // SAFETY: the caller guarantees that a non-NULL `engine` is a live
    // engine of this library, which is immutable and shared read-only.
    unsafe { engine.as_ref() }.ok_or_else(|| Failure::argument(R::NullArgument, "engine"))
}

/// Prepares the built-in model named `model` (`model_len` bytes: `nsph`,
/// `rkc`, `skane_mentor` or `base`) and writes the new engine to
/// `*out_engine`, to be freed with `peer_support_engine_free`.
///
/// # Safety
///
/// `model` points to `model_len` readable bytes; `out_engine` points to a
/// writable `peer_support_engine *`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_engine_builtin(
    model: *const c_char,
    model_len: usize,
    out_engine: *mut *mut peer_support_engine,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `model` and `model_len`.
        let name = unsafe { text(model, model_len, "model") }?;
        // SAFETY: the caller guarantees `out_engine`.
        let slot = unsafe { out(out_engine, "out_engine") }?;
        let id: ModelId = name
            .parse()
            .map_err(|_| Failure::argument(R::UnknownModel, "model"))?;
        let prepared = peer_support_engine::new(Engine::builtin(id)?)?;
        slot.set(Box::into_raw(prepared));
        Ok(())
    })
}

/// Loads the unit policy JSON `policy` (`policy_len` bytes) and writes the
/// new engine to `*out_engine`, to be freed with `peer_support_engine_free`.
/// A policy that does not load gives its 2xx or 4xx code, and
/// `peer_support_last_error` names the path of the offending element.
///
/// # Safety
///
/// `policy` points to `policy_len` readable bytes; `out_engine` points to a
/// writable `peer_support_engine *`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_engine_from_policy_json(
    policy: *const c_char,
    policy_len: usize,
    out_engine: *mut *mut peer_support_engine,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `policy` and `policy_len`.
        let json = unsafe { text(policy, policy_len, "policy") }?;
        // SAFETY: the caller guarantees `out_engine`.
        let slot = unsafe { out(out_engine, "out_engine") }?;
        let prepared = peer_support_engine::new(Engine::new(Policy::from_json(json)?))?;
        slot.set(Box::into_raw(prepared));
        Ok(())
    })
}

/// Frees an engine. NULL is accepted and does nothing.
///
/// # Safety
///
/// Unless NULL, `engine` was made by this library, is not used by another
/// thread, and is not used or freed again.
#[no_mangle]
pub unsafe extern "C" fn peer_support_engine_free(engine: *mut peer_support_engine) {
    let _ = guard(|| {
        if !engine.is_null() {
            // SAFETY: the caller guarantees that `engine` came from
            // `Box::into_raw` in this library and is not used again.
            drop(unsafe { Box::from_raw(engine) });
        }
        Ok(())
    });
}

/// The id of the engine's policy (the unit policy's id, or the model's),
/// living as long as the engine; NULL for a NULL engine.
///
/// # Safety
///
/// Unless NULL, `engine` is a live engine of this library.
#[no_mangle]
pub unsafe extern "C" fn peer_support_engine_policy_id(
    engine: *const peer_support_engine,
) -> *const c_char {
    boundary(ptr::null(), || {
        // SAFETY: the caller guarantees `engine`.
        unsafe { engine.as_ref() }.map_or(ptr::null(), |e| e.policy_id.as_ptr())
    })
}

/// The content hash of the engine's policy (`fnv1a64:` and 16 hexadecimal
/// digits; equal policies, equal hashes), living as long as the engine;
/// NULL for a NULL engine. A journal logs it with each decision.
///
/// # Safety
///
/// Unless NULL, `engine` is a live engine of this library.
#[no_mangle]
pub unsafe extern "C" fn peer_support_engine_policy_hash(
    engine: *const peer_support_engine,
) -> *const c_char {
    boundary(ptr::null(), || {
        // SAFETY: the caller guarantees `engine`.
        unsafe { engine.as_ref() }.map_or(ptr::null(), |e| e.content_hash.as_ptr())
    })
}

/// How many actions the engine's catalogue has (0 for a NULL engine).
///
/// # Safety
///
/// Unless NULL, `engine` is a live engine of this library.
#[no_mangle]
pub unsafe extern "C" fn peer_support_action_count(engine: *const peer_support_engine) -> usize {
    boundary(0, || {
        // SAFETY: the caller guarantees `engine`.
        unsafe { engine.as_ref() }.map_or(0, |e| e.actions.len())
    })
}

/// Writes the catalogue's action number `index` (from 0, in catalogue
/// order) to `*out_action`.
///
/// # Safety
///
/// `engine` is a live engine of this library; `out_action` points to a
/// writable `peer_support_action`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_action_at(
    engine: *const peer_support_engine,
    index: usize,
    out_action: *mut peer_support_action,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine`.
        let e = unsafe { self::engine(engine) }?;
        // SAFETY: the caller guarantees `out_action`.
        let slot = unsafe { out(out_action, "out_action") }?;
        let a = e
            .actions
            .get(index)
            .ok_or_else(|| Failure::argument(R::IndexOutOfRange, "index"))?;
        let note = |i: usize| {
            a.note
                .as_ref()
                .and_then(|n| n.get(i))
                .map_or(ptr::null(), |s| s.as_ptr())
        };
        slot.set(peer_support_action {
            id: a.id.as_ptr(),
            code: a.code,
            group: a.group.as_ptr(),
            label_sv: a.label[0].as_ptr(),
            label_en: a.label[1].as_ptr(),
            boundary_note_sv: note(0),
            boundary_note_en: note(1),
        });
        Ok(())
    })
}

/// Writes the code of the action with id `id` (`id_len` bytes) to
/// `*out_code`: look it up once, then decide by code. An id of no action
/// of the catalogue gives `PEER_SUPPORT_RESULT_UNKNOWN_ACTION` (a retired
/// action's id gives its code, decided `RETIRED`).
///
/// # Safety
///
/// `engine` is a live engine of this library; `id` points to `id_len`
/// readable bytes; `out_code` points to a writable `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_action_code(
    engine: *const peer_support_engine,
    id: *const c_char,
    id_len: usize,
    out_code: *mut u32,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine`.
        let e = unsafe { self::engine(engine) }?;
        // SAFETY: the caller guarantees `id` and `id_len`.
        let id = unsafe { text(id, id_len, "id") }?;
        // SAFETY: the caller guarantees `out_code`.
        let slot = unsafe { out(out_code, "out_code") }?;
        let action = e
            .engine
            .decide(id)
            .action()
            .ok_or_else(|| Failure::argument(R::UnknownAction, "id"))?;
        slot.set(action.code);
        Ok(())
    })
}

/// Decides the action with code `code` and writes the decision to
/// `*out_decision`. Allocates nothing. A code of no action gives the
/// outcome `NOT_IN_CATALOGUE` (a success: that is the answer).
///
/// # Safety
///
/// `engine` is a live engine of this library; `out_decision` points to a
/// writable `peer_support_decision`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_decide_code(
    engine: *const peer_support_engine,
    code: u32,
    out_decision: *mut peer_support_decision,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine`.
        let e = unsafe { self::engine(engine) }?;
        // SAFETY: the caller guarantees `out_decision`.
        let slot = unsafe { out(out_decision, "out_decision") }?;
        slot.set(e.by_code(code).view);
        Ok(())
    })
}

/// Decides the action with id `id` (`id_len` bytes) and writes the
/// decision to `*out_decision`. Allocates nothing. An id of no action
/// gives the outcome `NOT_IN_CATALOGUE` (a success: that is the answer).
///
/// # Safety
///
/// `engine` is a live engine of this library; `id` points to `id_len`
/// readable bytes; `out_decision` points to a writable
/// `peer_support_decision`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_decide_id(
    engine: *const peer_support_engine,
    id: *const c_char,
    id_len: usize,
    out_decision: *mut peer_support_decision,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine`.
        let e = unsafe { self::engine(engine) }?;
        // SAFETY: the caller guarantees `id` and `id_len`.
        let id = unsafe { text(id, id_len, "id") }?;
        // SAFETY: the caller guarantees `out_decision`.
        let slot = unsafe { out(out_decision, "out_decision") }?;
        slot.set(e.by_id(id).view);
        Ok(())
    })
}

/// Writes condition number `index` (from 0) of the decision for code
/// `code` to `*out_condition`.
///
/// # Safety
///
/// `engine` is a live engine of this library; `out_condition` points to a
/// writable `peer_support_condition`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_decision_condition(
    engine: *const peer_support_engine,
    code: u32,
    index: usize,
    out_condition: *mut peer_support_condition,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine`.
        let e = unsafe { self::engine(engine) }?;
        // SAFETY: the caller guarantees `out_condition`.
        let slot = unsafe { out(out_condition, "out_condition") }?;
        let c = e
            .by_code(code)
            .conditions
            .get(index)
            .ok_or_else(|| Failure::argument(R::IndexOutOfRange, "index"))?;
        slot.set(peer_support_condition {
            id: c.id.as_ptr(),
            on: c.on,
            text_sv: c.sv.as_ptr(),
            text_en: c.en.as_ptr(),
        });
        Ok(())
    })
}

/// Explains the decision for code `code` in `lang` (a
/// `peer_support_lang`): the outcome, the rules with their sources, the
/// conditions. Writes the text, NUL-terminated, into `buf` (`buf_len`
/// bytes) and its size with the NUL to `*out_needed`. When `buf_len` is
/// smaller, nothing is written to `buf`, `*out_needed` is still written,
/// and the result is `PEER_SUPPORT_RESULT_BUFFER_TOO_SMALL`: call again
/// with a buffer of `*out_needed` bytes. `buf` may be NULL when `buf_len`
/// is 0, to ask for the size.
///
/// # Safety
///
/// `engine` is a live engine of this library; unless NULL, `buf` points to
/// `buf_len` writable bytes; `out_needed` points to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_explain(
    engine: *const peer_support_engine,
    code: u32,
    lang: u32,
    buf: *mut c_char,
    buf_len: usize,
    out_needed: *mut usize,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `engine`.
        let e = unsafe { self::engine(engine) }?;
        let lang = self::lang(lang, "lang")?;
        // SAFETY: the caller guarantees `out_needed`.
        let needed = unsafe { out(out_needed, "out_needed") }?;
        if buf.is_null() && buf_len > 0 {
            return Err(Failure::argument(R::NullArgument, "buf"));
        }
        let text = c_string(&e.engine.decide_code(code).explain(lang))?;
        let bytes = text.as_bytes_with_nul();
        needed.set(bytes.len());
        if bytes.len() > buf_len {
            return Err(Failure::argument(R::BufferTooSmall, "buf_len"));
        }
        // SAFETY: `buf` is not NULL (`buf_len` >= bytes.len() > 0) and the
        // caller guarantees it points to `buf_len` writable bytes, which do
        // not overlap the library's own `text`.
        unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), buf.cast::<u8>(), bytes.len()) };
        Ok(())
    })
}

/// The built-in models, made once: ids and names as C strings.
fn models() -> &'static [[CString; 3]] {
    static MODELS: OnceLock<Vec<[CString; 3]>> = OnceLock::new();
    MODELS.get_or_init(|| {
        ModelId::ALL
            .iter()
            .filter_map(|&id| {
                let policy = Policy::builtin(id).ok()?;
                let name = policy.model_name();
                Some([
                    c_string(id.as_str()).ok()?,
                    c_string(name.get(Lang::Sv)).ok()?,
                    c_string(name.get(Lang::En)).ok()?,
                ])
            })
            .collect()
    })
}

/// How many built-in models the library has.
#[no_mangle]
pub extern "C" fn peer_support_model_count() -> usize {
    boundary(0, || models().len())
}

/// Writes built-in model number `index` (from 0) to `*out_model`.
///
/// # Safety
///
/// `out_model` points to a writable `peer_support_model`.
#[no_mangle]
pub unsafe extern "C" fn peer_support_model_at(
    index: usize,
    out_model: *mut peer_support_model,
) -> peer_support_result {
    guard(|| {
        // SAFETY: the caller guarantees `out_model`.
        let slot = unsafe { out(out_model, "out_model") }?;
        let [id, sv, en] = models()
            .get(index)
            .ok_or_else(|| Failure::argument(R::IndexOutOfRange, "index"))?;
        slot.set(peer_support_model {
            id: id.as_ptr(),
            name_sv: sv.as_ptr(),
            name_en: en.as_ptr(),
        });
        Ok(())
    })
}
