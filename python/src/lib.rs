//! `peer_support._native`: the engine for Python. It translates and decides
//! nothing: requests and responses are the core's
//! (`peer_support::requests`), Python objects become their JSON through
//! `pythonize`, and every error becomes one of the package's exceptions
//! (`peer_support.errors`) with the core's path and kind, never an input
//! value.
//!
//! The pure-Python package `peer_support` (beside this crate) wraps it:
//! dates, dataclasses and DataFrames in, typed results out.

use peer_support::requests::{self, Format, RequestError};
use peer_support::PolicyError as CorePolicyError;
use peer_support::{Decision as CoreDecision, Engine as CoreEngine, Lang, ModelId, Policy};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyInt, PyList, PyString};
use std::sync::Arc;

/// The package's exception classes and the `Outcome` enum, imported once.
struct Classes {
    policy_error: Py<PyAny>,
    input_error: Py<PyAny>,
    outcomes: Vec<(&'static str, Py<PyAny>)>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn classes(py: Python<'_>) -> PyResult<&'static Classes> {
    CLASSES.get_or_try_init(py, || {
        let errors = py.import("peer_support.errors")?;
        let types = py.import("peer_support.types")?;
        let outcome = types.getattr("Outcome")?;
        let outcomes = ALL_OUTCOMES
            .iter()
            .map(|o| Ok((o.as_str(), outcome.call1((o.as_str(),))?.unbind())))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Classes {
            policy_error: errors.getattr("PolicyError")?.unbind(),
            input_error: errors.getattr("InputError")?.unbind(),
            outcomes,
        })
    })
}

/// An exception of class `class` with the message, the path and the kind.
fn raise(
    py: Python<'_>,
    class: &Py<PyAny>,
    message: String,
    path: Option<String>,
    kind: &str,
) -> PyErr {
    match class.bind(py).call1((message, path, kind)) {
        Ok(error) => PyErr::from_value(error),
        Err(e) => e,
    }
}

/// A policy that does not load: `PolicyError`.
fn policy_error(py: Python<'_>, e: &CorePolicyError) -> PyErr {
    match classes(py) {
        Ok(c) => raise(
            py,
            &c.policy_error,
            e.to_string(),
            e.path().map(str::to_owned),
            e.kind(),
        ),
        Err(e) => e,
    }
}

/// A request or record that is not acceptable: `InputError`; its own
/// policy that does not load: `PolicyError`.
fn request_error(py: Python<'_>, e: &RequestError) -> PyErr {
    let c = match classes(py) {
        Ok(c) => c,
        Err(e) => return e,
    };
    match e {
        RequestError::Policy(p) => raise(py, &c.policy_error, e.to_string(), e.path(), p.kind()),
        RequestError::Document(p) => raise(py, &c.input_error, e.to_string(), e.path(), p.kind()),
        RequestError::Input { error, .. } => raise(
            py,
            &c.input_error,
            e.to_string(),
            e.path(),
            error.problem.kind(),
        ),
        _ => raise(py, &c.input_error, e.to_string(), e.path(), "other"),
    }
}

/// An input error of the library's own making (an argument).
fn argument_error(py: Python<'_>, argument: &str, problem: &str, kind: &str) -> PyErr {
    match classes(py) {
        Ok(c) => raise(
            py,
            &c.input_error,
            format!("{argument}: {problem}"),
            Some(argument.to_owned()),
            kind,
        ),
        Err(e) => e,
    }
}

/// The JSON text of a Python object made of dicts, lists, strings, numbers,
/// booleans and None. The message names the argument, never the value.
fn json_of(py: Python<'_>, argument: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    let value: serde_json::Value = pythonize::depythonize(value).map_err(|_| {
        argument_error(
            py,
            argument,
            "holds a value that is not a dict, list, str, int, float, bool or None",
            "not_json",
        )
    })?;
    Ok(value.to_string())
}

/// A Python object of the JSON text the library wrote.
fn object_of<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|_| PyTypeError::new_err("the library wrote JSON it cannot read back"))?;
    pythonize::pythonize(py, &value)
        .map_err(|_| PyTypeError::new_err("cannot convert the library's JSON"))
}

/// The text of a `str` argument. A value of another type, or text that is
/// not valid Unicode (a lone surrogate), is an InputError naming the
/// argument; Python's own UnicodeEncodeError, which holds the text, is not
/// passed on.
fn text<'a>(py: Python<'_>, value: &'a Bound<'_, PyAny>, argument: &str) -> PyResult<&'a str> {
    let string = value
        .cast::<PyString>()
        .map_err(|_| argument_error(py, argument, "not a str", "wrong_type"))?;
    string.to_str().map_err(|_| {
        argument_error(
            py,
            argument,
            "not valid Unicode text (it holds a lone surrogate)",
            "not_utf8",
        )
    })
}

/// The code of the action `item` names: an id (str) or a code (int); None
/// for an id outside the catalogue. None, NaN, a bool or another type is
/// an InputError naming `path`.
fn code_of(
    py: Python<'_>,
    engine: &CoreEngine,
    item: &Bound<'_, PyAny>,
    path: impl FnOnce() -> String,
) -> PyResult<Option<u32>> {
    // The type checks first: a failed cast costs more than a check.
    if item.is_instance_of::<PyInt>() && !item.is_instance_of::<PyBool>() {
        if let Ok(code) = item.extract::<u32>() {
            return Ok(Some(code));
        }
    } else if let Ok(string) = item.cast::<PyString>() {
        let id = string.to_str().map_err(|_| {
            argument_error(
                py,
                &path(),
                "not valid Unicode text (it holds a lone surrogate)",
                "not_utf8",
            )
        })?;
        return Ok(engine.decide(id).action().map(|a| a.code));
    }
    let absent = item.is_none() || item.extract::<f64>().is_ok_and(f64::is_nan);
    let (problem, kind) = if absent {
        ("is required", "missing_field")
    } else {
        (
            "neither an action id (str) nor a code (int from 0 to 4294967295)",
            "wrong_type",
        )
    };
    Err(argument_error(py, &path(), problem, kind))
}

fn lang(py: Python<'_>, lang: &Bound<'_, PyAny>) -> PyResult<Lang> {
    text(py, lang, "lang")?
        .parse()
        .map_err(|_| argument_error(py, "lang", "not \"sv\" or \"en\"", "unknown_lang"))
}

fn format(py: Python<'_>, format: &Bound<'_, PyAny>) -> PyResult<Format> {
    match text(py, format, "format")? {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        _ => Err(argument_error(
            py,
            "format",
            "not \"text\" or \"json\"",
            "unknown_format",
        )),
    }
}

/// A prepared policy: immutable, shareable between threads.
#[pyclass(frozen, module = "peer_support._native", name = "Engine")]
struct Engine {
    engine: Arc<CoreEngine>,
}

/// A boundary decision of an engine.
#[pyclass(frozen, module = "peer_support._native", name = "Decision")]
struct Decision {
    engine: Arc<CoreEngine>,
    /// The slot of the decision (`Engine::decision_slots`), or `None` for
    /// an action not in the catalogue.
    slot: Option<usize>,
}

impl Decision {
    fn decision(&self) -> &CoreDecision {
        self.slot
            .and_then(|s| self.engine.decision_slots().get(s))
            .unwrap_or_else(|| self.engine.not_in_catalogue())
    }
}

#[pymethods]
impl Engine {
    /// The engine of a built-in model: "nsph", "rkc", "skane_mentor" or
    /// "base".
    #[staticmethod]
    fn builtin(py: Python<'_>, model: &Bound<'_, PyAny>) -> PyResult<Engine> {
        let id: ModelId = text(py, model, "model")?.parse().map_err(|_| {
            argument_error(
                py,
                "model",
                "not \"nsph\", \"rkc\", \"skane_mentor\" or \"base\"",
                "unknown_model",
            )
        })?;
        let engine = CoreEngine::builtin(id).map_err(|e| policy_error(py, &e))?;
        Ok(Engine {
            engine: Arc::new(engine),
        })
    }

    /// The engine of a unit policy, from its JSON text.
    #[staticmethod]
    fn from_policy_json(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<Engine> {
        // Text that is not Unicode is a policy that does not load.
        let policy = match policy.cast::<PyString>().map(|s| s.to_str()) {
            Ok(Ok(text)) => text.to_owned(),
            Ok(Err(_)) => {
                let c = classes(py)?;
                let message = "policy: not valid Unicode text (it holds a lone surrogate)";
                return Err(raise(
                    py,
                    &c.policy_error,
                    message.to_owned(),
                    None,
                    "not_utf8",
                ));
            }
            Err(_) => return Err(argument_error(py, "policy", "not a str", "wrong_type")),
        };
        let engine = py
            .detach(move || Policy::from_json(&policy).map(CoreEngine::new))
            .map_err(|e| policy_error(py, &e))?;
        Ok(Engine {
            engine: Arc::new(engine),
        })
    }

    /// The policy's id.
    #[getter]
    fn policy_id(&self) -> String {
        self.engine.policy().unit().id.clone()
    }

    /// The model the policy extends.
    #[getter]
    fn model(&self) -> &'static str {
        self.engine.policy().model().as_str()
    }

    /// The policy's content hash (`fnv1a64:` and 16 hex digits).
    #[getter]
    fn policy_hash(&self) -> String {
        self.engine.policy().content_hash()
    }

    /// The catalogue: one dict per action (id, code, group, label,
    /// boundary_note), in catalogue order.
    fn actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        pythonize::pythonize(py, self.engine.actions())
            .map_err(|_| PyTypeError::new_err("cannot convert the catalogue"))
    }

    /// The decision for an action id (str) or code (int).
    fn decide(&self, py: Python<'_>, action: &Bound<'_, PyAny>) -> PyResult<Decision> {
        let code = code_of(py, &self.engine, action, || "action".to_owned())?;
        Ok(Decision {
            engine: Arc::clone(&self.engine),
            slot: code.and_then(|c| self.engine.slot_of_code(c)),
        })
    }

    /// Many actions decided at once (`column` names them in errors:
    /// `column[i]`), as two byte strings: per action its
    /// outcome's index in `OUTCOMES` (one byte) and its decision's slot
    /// (a little-endian u32; `slot_rule_ids()` gives each slot's rule ids,
    /// the last one being "not in the catalogue").
    fn decide_columns<'py>(
        &self,
        py: Python<'py>,
        actions: &Bound<'py, PyList>,
        column: &str,
    ) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
        let decided = self.decide_rows(py, actions, column)?;
        let outcomes: Vec<u8> = decided.iter().map(|&(outcome, _)| outcome).collect();
        let slots: Vec<u8> = decided
            .iter()
            .flat_map(|&(_, slot)| slot.to_le_bytes())
            .collect();
        Ok((PyBytes::new(py, &outcomes), PyBytes::new(py, &slots)))
    }

    /// The same, as four lists (action id or None, outcome name, allowed,
    /// rule ids joined by ";") whose entries are shared objects, one per
    /// decision: for callers that want Python lists, not arrays.
    fn decide_lists<'py>(
        &self,
        py: Python<'py>,
        actions: &Bound<'py, PyList>,
        column: &str,
    ) -> PyResult<[Bound<'py, PyList>; 4]> {
        let decided = self.decide_rows(py, actions, column)?;
        // One shared object per slot: its action id (None outside the
        // catalogue) and its rule ids, as `slot_actions` and `slot_rule_ids`.
        let action: Vec<Bound<'py, PyAny>> = self
            .slot_actions()
            .into_iter()
            .map(|id| match id {
                Some(id) => PyString::new(py, &id).into_any(),
                None => py.None().into_bound(py),
            })
            .collect();
        let outcome: Vec<Bound<'py, PyAny>> = ALL_OUTCOMES
            .iter()
            .map(|o| PyString::new(py, o.as_str()).into_any())
            .collect();
        let allowed: Vec<Bound<'py, PyAny>> = ALL_OUTCOMES
            .iter()
            .map(|o| PyBool::new(py, o.is_allowed()).to_owned().into_any())
            .collect();
        let rules: Vec<Bound<'py, PyAny>> = self
            .slot_rule_ids()
            .iter()
            .map(|ids| PyString::new(py, ids).into_any())
            .collect();
        let column_of = |table: &[Bound<'py, PyAny>], index: fn(&(u8, u32)) -> usize| {
            // Every index is one of a slot or an outcome: `decide_rows` made it.
            let cells = decided
                .iter()
                .map(|row| table.get(index(row)).cloned())
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    PyTypeError::new_err("internal error: a decision outside the table")
                })?;
            PyList::new(py, cells)
        };
        Ok([
            column_of(&action, |&(_, slot)| slot as usize)?,
            column_of(&outcome, |&(o, _)| usize::from(o))?,
            column_of(&allowed, |&(o, _)| usize::from(o))?,
            column_of(&rules, |&(_, slot)| slot as usize)?,
        ])
    }

    /// Each decision slot's rule ids joined by ";", then "" for an action
    /// not in the catalogue (the slot `decide_columns` gives it).
    fn slot_rule_ids(&self) -> Vec<String> {
        self.engine
            .decision_slots()
            .iter()
            .map(|d| d.rule_ids().collect::<Vec<_>>().join(";"))
            .chain(std::iter::once(String::new()))
            .collect()
    }

    /// Each decision slot's action id, then None for "not in the catalogue".
    fn slot_actions(&self) -> Vec<Option<String>> {
        self.engine
            .decision_slots()
            .iter()
            .map(|d| d.action().map(|a| a.id.clone()))
            .chain(std::iter::once(None))
            .collect()
    }

    /// A certification request (a dict) answered: the response as a dict.
    fn certification<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.ask(py, request, requests::certification)
    }

    /// A supervision request answered.
    fn supervision<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.ask(py, request, requests::supervision)
    }

    /// A readiness request answered.
    fn readiness<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.ask(py, request, requests::readiness)
    }

    /// A classify request answered.
    fn classify_participation<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.ask(py, request, requests::classify_participation)
    }

    /// A promise request answered.
    fn check_promise<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.ask(py, request, requests::check_participation_promise)
    }

    /// The policy report: text (str) or the response (dict).
    fn policy_report<'py>(
        &self,
        py: Python<'py>,
        lang: &Bound<'py, PyAny>,
        format: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (lang, format) = (self::lang(py, lang)?, self::format(py, format)?);
        let engine = Arc::clone(&self.engine);
        let report = py
            .detach(move || requests::policy_report(&engine, lang, format))
            .map_err(|e| policy_error(py, &e))?;
        text_or_object(py, report, format)
    }
}

impl Engine {
    /// Each action's outcome index (in [`ALL_OUTCOMES`]) and decision slot
    /// (the not-in-catalogue decision's is one past the last slot). Reading
    /// the Python objects needs the GIL; mapping codes to slots does not.
    fn decide_rows(
        &self,
        py: Python<'_>,
        actions: &Bound<'_, PyList>,
        column: &str,
    ) -> PyResult<Vec<(u8, u32)>> {
        let mut codes: Vec<Option<u32>> = Vec::with_capacity(actions.len());
        for (i, item) in actions.iter().enumerate() {
            codes.push(code_of(py, &self.engine, &item, || {
                format!("{column}[{i}]")
            })?);
        }
        let engine = Arc::clone(&self.engine);
        Ok(py.detach(move || {
            let none = engine.decision_slots().len();
            codes
                .into_iter()
                .map(|code| {
                    let slot = code.and_then(|c| engine.slot_of_code(c));
                    let decision = slot
                        .and_then(|s| engine.decision_slots().get(s))
                        .unwrap_or_else(|| engine.not_in_catalogue());
                    // At most 7 outcomes, and far fewer than 2^32 slots.
                    let outcome = outcome_index(decision.outcome()) as u8;
                    (
                        outcome,
                        u32::try_from(slot.unwrap_or(none)).unwrap_or(u32::MAX),
                    )
                })
                .collect()
        }))
    }

    /// `request` answered by `call`, without the GIL while the engine works.
    fn ask<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        call: fn(&CoreEngine, &str) -> Result<String, RequestError>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = json_of(py, "request", request)?;
        let engine = Arc::clone(&self.engine);
        let answer = py
            .detach(move || call(&engine, &text))
            .map_err(|e| request_error(py, &e))?;
        object_of(py, &answer)
    }
}

fn text_or_object(py: Python<'_>, report: String, format: Format) -> PyResult<Bound<'_, PyAny>> {
    match format {
        Format::Text => Ok(PyString::new(py, &report).into_any()),
        Format::Json => object_of(py, &report),
    }
}

/// Every outcome, in the order of [`outcome_index`].
const ALL_OUTCOMES: [peer_support::Outcome; 7] = [
    peer_support::Outcome::Allowed,
    peer_support::Outcome::AllowedWithConditions,
    peer_support::Outcome::ShouldNot,
    peer_support::Outcome::Forbidden,
    peer_support::Outcome::NotAddressed,
    peer_support::Outcome::NotInCatalogue,
    peer_support::Outcome::Retired,
];

/// The outcome's index in [`ALL_OUTCOMES`].
fn outcome_index(outcome: peer_support::Outcome) -> usize {
    use peer_support::Outcome as O;
    match outcome {
        O::Allowed => 0,
        O::AllowedWithConditions => 1,
        O::ShouldNot => 2,
        O::Forbidden => 3,
        O::NotAddressed => 4,
        O::NotInCatalogue => 5,
        O::Retired => 6,
    }
}

#[pymethods]
impl Decision {
    /// The outcome, an `Outcome` member.
    #[getter]
    fn outcome(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let index = outcome_index(self.decision().outcome());
        classes(py)?
            .outcomes
            .get(index)
            .map(|(_, member)| member.clone_ref(py))
            .ok_or_else(|| PyTypeError::new_err("an outcome the package does not know"))
    }

    /// Whether the outcome allows the action (allowed, or allowed with
    /// conditions).
    #[getter]
    fn allowed(&self) -> bool {
        self.decision().outcome().is_allowed()
    }

    /// The action's id, or None for one not in the catalogue.
    #[getter]
    fn action(&self) -> Option<String> {
        self.decision().action().map(|a| a.id.clone())
    }

    /// The action's code, or None for one not in the catalogue.
    #[getter]
    fn code(&self) -> Option<u32> {
        self.decision().action().map(|a| a.code)
    }

    /// The ids of the rules that decided it.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.decision().rule_ids().map(str::to_owned).collect()
    }

    /// The model rules the unit's policy departs from in this decision.
    #[getter]
    fn deviations(&self) -> Vec<String> {
        self.decision()
            .deviations()
            .iter()
            .map(|d| d.model_rule.clone())
            .collect()
    }

    /// The explanation in "sv" or "en" (the default).
    #[pyo3(signature = (lang = None))]
    fn explain(&self, py: Python<'_>, lang: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let lang = match lang {
            Some(lang) => self::lang(py, lang)?,
            None => Lang::En,
        };
        Ok(self.decision().explain(lang))
    }

    /// The decision as a dict: action, outcome, reasons (rule ids,
    /// citations, messages in both languages, conditions), deviations.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        pythonize::pythonize(py, self.decision())
            .map_err(|_| PyTypeError::new_err("cannot convert the decision"))
    }

    fn __repr__(&self) -> String {
        let d = self.decision();
        match d.action() {
            // An id holds only a-z, 0-9, "_", "-" and ".": no quote to escape.
            Some(a) => format!("Decision('{}', {})", a.id, d.outcome().as_str()),
            None => format!("Decision(None, {})", d.outcome().as_str()),
        }
    }
}

/// The audit of a unit record (its JSON text): text (str) or the response
/// (dict).
#[pyfunction]
fn audit<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
    lang: &Bound<'py, PyAny>,
    format: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (lang, format) = (self::lang(py, lang)?, self::format(py, format)?);
    let record = text(py, record, "record")?.to_owned();
    let report = py
        .detach(move || requests::audit(&record, lang, format))
        .map_err(|e| request_error(py, &e))?;
    text_or_object(py, report, format)
}

/// The audit of a unit record (its JSON text) as one self-contained HTML
/// page.
#[pyfunction]
fn audit_html(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
    lang: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let lang = self::lang(py, lang)?;
    let record = text(py, record, "record")?.to_owned();
    py.detach(move || requests::audit_html(&record, lang))
        .map_err(|e| request_error(py, &e))
}

/// The audit of a unit record (its JSON text) as CSV tables: a list of
/// (table name, CSV text), one per rule family.
#[pyfunction]
fn audit_csv(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
    lang: &Bound<'_, PyAny>,
) -> PyResult<Vec<(&'static str, String)>> {
    let lang = self::lang(py, lang)?;
    let record = text(py, record, "record")?.to_owned();
    py.detach(move || requests::audit_csv(&record, lang))
        .map_err(|e| request_error(py, &e))
}

/// The JSON Schema (as JSON text) of a document the library reads or
/// writes: one of `SCHEMA_NAMES`.
#[pyfunction]
fn schema(py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<String> {
    requests::schema(text(py, name, "name")?)
        .ok_or_else(|| argument_error(py, "name", "not the name of a schema", "unknown_schema"))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Decision>()?;
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(audit_html, m)?)?;
    m.add_function(wrap_pyfunction!(audit_csv, m)?)?;
    m.add("SCHEMA_NAMES", requests::SCHEMA_NAMES.to_vec())?;
    m.add("__version__", requests::LIBRARY_VERSION)?;
    m.add("REQUEST_VERSION", requests::REQUEST_VERSION)?;
    // The built-in models' ids.
    let models: Vec<&str> = ModelId::ALL.iter().map(|m| m.as_str()).collect();
    m.add("MODELS", models)?;
    // The order of `decide_columns`' outcome indices.
    let names: Vec<&str> = ALL_OUTCOMES.iter().map(|o| o.as_str()).collect();
    m.add("OUTCOMES", names)?;
    // The outcomes that allow the action, as the core says
    // (`Outcome::is_allowed`).
    let allowed: Vec<&str> = ALL_OUTCOMES
        .iter()
        .filter(|o| o.is_allowed())
        .map(|o| o.as_str())
        .collect();
    m.add("ALLOWED_OUTCOMES", allowed)?;
    Ok(())
}
