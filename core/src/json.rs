//! Strict reading of every JSON document the library takes: unit policies,
//! unit records and the built-in documents.
//!
//! The text is first read into a tree ([`Node`]) by `serde_json`, which
//! checks the syntax; the tree is then turned into the document's types by a
//! deserializer of this module, which is strict where `serde_json` is lenient
//! and builds every error from structure:
//!
//! - an object is expected only where the schema has an object (never an
//!   array in its place), an array only where it has an array;
//! - a key given twice in one object is refused, in structs and in maps;
//! - a whole number must be written as one (`1`, not `1.0`) and fit its field;
//! - an error is a [`ShapeProblem`] or a [`Limit`] at a path of the
//!   documented schema: struct fields by name (names the schema owns), array
//!   elements and the entries of an id-keyed object by position
//!   (`readiness[2]`). No error carries a value, a key or an id of the input.

use crate::error::{Expected, PolicyError, ShapeProblem};
use crate::limits::{Limit, MAX_DOCUMENT_BYTES};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// Reads `text` as the document `T`, named `document` in errors.
pub(crate) fn parse<T: DeserializeOwned>(document: &str, text: &str) -> Result<T, PolicyError> {
    let node = read_tree(document, text)?;
    from_tree(document, &node)
}

/// Reads `text` into a tree, checking its size and syntax only.
pub(crate) fn read_tree<'a>(document: &str, text: &'a str) -> Result<Node<'a>, PolicyError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(PolicyError::Limit {
            document: document.to_owned(),
            path: String::new(),
            limit: Limit::DocumentSize,
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let node = Node::deserialize(&mut de)
        .and_then(|node| de.end().map(|()| node))
        .map_err(|e| {
            // serde_json reports nesting beyond its limit of 128 as a syntax
            // error; its message (which holds no input) tells it apart.
            if e.to_string().starts_with("recursion limit exceeded") {
                PolicyError::Limit {
                    document: document.to_owned(),
                    path: String::new(),
                    limit: Limit::Depth,
                }
            } else {
                PolicyError::Syntax {
                    document: document.to_owned(),
                    line: e.line(),
                    column: e.column(),
                }
            }
        })?;
    Ok(node)
}

/// Turns a tree into the document `T`.
pub(crate) fn from_tree<T: DeserializeOwned>(
    document: &str,
    node: &Node<'_>,
) -> Result<T, PolicyError> {
    T::deserialize(De { node }).map_err(|e| e.into_policy_error(document))
}

/// A JSON value as read, keys in document order, duplicates kept (the
/// deserializer refuses them where they matter, naming their position).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Unsigned(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(Node::Signed(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(Node::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(v)))
    }
    // A string with escapes (the default `visit_string` comes here too).
    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Object(entries))
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    // A key with escapes (the default `visit_string` comes here too).
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// One step of a path: a field the schema names, or a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Field(&'static str),
    Index(usize),
}

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Shape(ShapeProblem),
    Limit(Limit),
}

/// A deserialization error: a problem and where, built up innermost first as
/// the error leaves each object and array. Holds nothing of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error {
    /// The path, innermost step first.
    path: Vec<Segment>,
    problem: Problem,
}

impl Error {
    fn shape(problem: ShapeProblem) -> Error {
        Error {
            path: Vec::new(),
            problem: Problem::Shape(problem),
        }
    }

    fn at(mut self, segment: Segment) -> Error {
        self.path.push(segment);
        self
    }

    fn path_string(&self) -> String {
        let mut out = String::new();
        for segment in self.path.iter().rev() {
            match segment {
                Segment::Field(name) if out.is_empty() => out.push_str(name),
                Segment::Field(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn into_policy_error(self, document: &str) -> PolicyError {
        let path = self.path_string();
        let document = document.to_owned();
        match self.problem {
            Problem::Shape(problem) => PolicyError::Shape {
                document,
                path,
                problem,
            },
            Problem::Limit(limit) => PolicyError::Limit {
                document,
                path,
                limit,
            },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem {
            Problem::Shape(p) => write!(f, "{}: {p}", self.path_string()),
            Problem::Limit(l) => write!(f, "{}: {l}", self.path_string()),
        }
    }
}

impl std::error::Error for Error {}

/// Messages that the library's own `Deserialize` code passes to
/// `de::Error::custom`; a message not in this list becomes
/// [`ShapeProblem::InvalidValue`] and is dropped.
pub(crate) mod custom {
    /// A date not written `YYYY-MM-DD`, or no such day.
    pub(crate) const BAD_DATE: &str = "expected a date written YYYY-MM-DD";
    /// A date outside the calendar of [`crate::limits`].
    pub(crate) const DATE_OUT_OF_CALENDAR: &str = "the date is outside 1900-01-01 to 2199-12-31";
    /// An employment of form `employed` without `since`.
    pub(crate) const SINCE_REQUIRED: &str = "an employment of form employed needs since";
    /// An employment of form `volunteer` with `since`.
    pub(crate) const SINCE_NOT_TAKEN: &str = "only an employment of form employed takes since";
    /// A key given twice in an id-keyed object. This reader refuses a
    /// repeated key before [`IdMap`](super::IdMap) sees it; the message is
    /// for a caller who reads a document with `serde_json` directly.
    pub(crate) const DUPLICATE_KEY: &str = "a key is given more than once";
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        let msg = msg.to_string();
        match msg.as_str() {
            custom::BAD_DATE => Error::shape(ShapeProblem::BadDate),
            custom::DATE_OUT_OF_CALENDAR => Error {
                path: Vec::new(),
                problem: Problem::Limit(Limit::Calendar),
            },
            custom::SINCE_REQUIRED => {
                Error::shape(ShapeProblem::MissingField).at(Segment::Field("since"))
            }
            custom::SINCE_NOT_TAKEN => {
                Error::shape(ShapeProblem::NotTakenHere).at(Segment::Field("since"))
            }
            _ => Error::shape(ShapeProblem::InvalidValue),
        }
    }

    fn invalid_type(_unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        let expected = match expected.to_string().as_str() {
            FACT_EXPECTING => Expected::BoolOrCount,
            _ => Expected::Other,
        };
        Error::shape(ShapeProblem::WrongType(expected))
    }

    fn invalid_value(_unexpected: de::Unexpected<'_>, _expected: &dyn de::Expected) -> Self {
        Error::shape(ShapeProblem::InvalidValue)
    }

    fn invalid_length(_len: usize, _expected: &dyn de::Expected) -> Self {
        Error::shape(ShapeProblem::InvalidValue)
    }

    fn unknown_variant(_variant: &str, expected: &'static [&'static str]) -> Self {
        Error::shape(ShapeProblem::NotOneOf(expected))
    }

    fn unknown_field(_field: &str, _expected: &'static [&'static str]) -> Self {
        Error::shape(ShapeProblem::UnknownField)
    }

    fn missing_field(field: &'static str) -> Self {
        Error::shape(ShapeProblem::MissingField).at(Segment::Field(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::shape(ShapeProblem::DuplicateKey).at(Segment::Field(field))
    }
}

/// What the readiness fact's visitor expects; recognised in
/// [`de::Error::invalid_type`].
pub(crate) const FACT_EXPECTING: &str = "true, false or a whole number";

/// The strict deserializer over a [`Node`].
struct De<'n, 'a> {
    node: &'n Node<'a>,
}

fn wrong(expected: Expected) -> Error {
    Error::shape(ShapeProblem::WrongType(expected))
}

impl De<'_, '_> {
    /// The node as a whole number within `min..=max`.
    fn whole(&self, min: i128, max: i128) -> Result<i128, Error> {
        let n = match self.node {
            Node::Unsigned(n) => i128::from(*n),
            Node::Signed(n) => i128::from(*n),
            // serde_json reads a whole literal too large for 64 bits as a
            // float: that is out of range; any other float is not written as
            // a whole number.
            Node::Float(f) if f.fract() == 0.0 && f.abs() >= 9.2e18 => {
                return Err(Error::shape(ShapeProblem::OutOfRange(
                    Expected::WholeNumber,
                )))
            }
            _ => return Err(wrong(Expected::WholeNumber)),
        };
        if (min..=max).contains(&n) {
            Ok(n)
        } else {
            Err(Error::shape(ShapeProblem::OutOfRange(
                Expected::WholeNumber,
            )))
        }
    }

    fn number(&self) -> Result<f64, Error> {
        match self.node {
            Node::Unsigned(n) => Ok(*n as f64),
            Node::Signed(n) => Ok(*n as f64),
            Node::Float(f) => Ok(*f),
            _ => Err(wrong(Expected::Number)),
        }
    }
}

macro_rules! unsigned {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n = self.whole(0, i128::from(<$ty>::MAX))?;
            visitor.visit_u64(u64::try_from(n).map_err(|_| wrong(Expected::WholeNumber))?)
        }
    )*};
}

macro_rules! signed {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n = self.whole(i128::from(<$ty>::MIN), i128::from(<$ty>::MAX))?;
            visitor.visit_i64(i64::try_from(n).map_err(|_| wrong(Expected::WholeNumber))?)
        }
    )*};
}

impl<'de> Deserializer<'de> for De<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(*b),
            Node::Unsigned(n) => visitor.visit_u64(*n),
            Node::Signed(n) => visitor.visit_i64(*n),
            Node::Float(f) => visitor.visit_f64(*f),
            Node::Str(s) => visitor.visit_str(s),
            Node::Array(items) => visitor.visit_seq(Seq::new(items)),
            Node::Object(entries) => visitor.visit_map(Map::new(entries, None)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Bool(b) => visitor.visit_bool(*b),
            _ => Err(wrong(Expected::Bool)),
        }
    }

    unsigned!(deserialize_u8: u8, deserialize_u16: u16, deserialize_u32: u32, deserialize_u64: u64);
    signed!(deserialize_i8: i8, deserialize_i16: i16, deserialize_i32: i32, deserialize_i64: i64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f64(self.number()?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Str(s) => visitor.visit_str(s),
            _ => Err(wrong(Expected::String)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(wrong(Expected::Other))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(wrong(Expected::Other))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Null => visitor.visit_unit(),
            _ => Err(wrong(Expected::Other)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Array(items) => visitor.visit_seq(Seq::new(items)),
            _ => Err(wrong(Expected::Array)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Object(entries) => visitor.visit_map(Map::new(entries, None)),
            _ => Err(wrong(Expected::Object)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.node {
            Node::Object(entries) => visitor.visit_map(Map::new(entries, Some(fields))),
            _ => Err(wrong(Expected::Object)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.node {
            Node::Str(s) => visitor.visit_enum(UnitVariant { name: s }),
            _ => Err(wrong(Expected::String)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct Seq<'n, 'a> {
    items: std::slice::Iter<'n, Node<'a>>,
    index: usize,
}

impl<'n, 'a> Seq<'n, 'a> {
    fn new(items: &'n [Node<'a>]) -> Self {
        Seq {
            items: items.iter(),
            index: 0,
        }
    }
}

impl<'de> SeqAccess<'de> for Seq<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(De { node })
            .map(Some)
            .map_err(|e| e.at(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object, read as a struct (`fields` given: values are named by the
/// schema's field names) or as a map keyed by ids (values named by position,
/// and a repeated key refused).
struct Map<'n, 'a> {
    entries: &'n [(Cow<'a, str>, Node<'a>)],
    fields: Option<&'static [&'static str]>,
    next: usize,
    seen: HashSet<&'n str>,
}

impl<'n, 'a> Map<'n, 'a> {
    fn new(
        entries: &'n [(Cow<'a, str>, Node<'a>)],
        fields: Option<&'static [&'static str]>,
    ) -> Self {
        Map {
            entries,
            fields,
            next: 0,
            seen: HashSet::new(),
        }
    }

    /// The segment naming the value of entry `index`.
    fn segment(&self, index: usize) -> Segment {
        let key = self.entries.get(index).map(|(k, _)| k.as_ref());
        match (self.fields, key) {
            (Some(fields), Some(key)) => fields
                .iter()
                .find(|f| **f == key)
                .map_or(Segment::Index(index), |f| Segment::Field(f)),
            _ => Segment::Index(index),
        }
    }
}

impl<'de> MapAccess<'de> for Map<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, _)) = self.entries.get(self.next) else {
            return Ok(None);
        };
        let index = self.next;
        if self.fields.is_none() && !self.seen.insert(key.as_ref()) {
            return Err(Error::shape(ShapeProblem::DuplicateKey).at(Segment::Index(index)));
        }
        let at = self
            .fields
            .map_or(Segment::Index(index), |_| self.segment(index));
        seed.deserialize(KeyDe { key }).map(Some).map_err(|e| {
            // An unknown field is the object's problem; anything else about a
            // key is the entry's.
            if e.problem == Problem::Shape(ShapeProblem::UnknownField) {
                e
            } else {
                e.at(at)
            }
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let index = self.next;
        self.next += 1;
        match self.entries.get(index) {
            Some((_, node)) => seed
                .deserialize(De { node })
                .map_err(|e| e.at(self.segment(index))),
            None => Err(Error::shape(ShapeProblem::InvalidValue)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len().saturating_sub(self.next))
    }
}

/// A key, given to a field or map-key visitor.
struct KeyDe<'n> {
    key: &'n str,
}

impl<'de> Deserializer<'de> for KeyDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.key)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A unit variant named by a string.
struct UnitVariant<'n> {
    name: &'n str,
}

impl<'de, 'n> EnumAccess<'de> for UnitVariant<'n> {
    type Error = Error;
    type Variant = UnitOnly;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, UnitOnly), Error> {
        Ok((seed.deserialize(KeyDe { key: self.name })?, UnitOnly))
    }
}

struct UnitOnly;

impl<'de> VariantAccess<'de> for UnitOnly {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(wrong(Expected::Object))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(wrong(Expected::Object))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(wrong(Expected::Object))
    }
}

/// An object keyed by ids, in document order, each key once: read from and
/// written as a JSON object. Errors about its entries name their position
/// (`readiness[2]`), never the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMap<V>(pub Vec<(String, V)>);

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap(Vec::new())
    }
}

impl<V> IdMap<V> {
    /// Whether it has no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<V> FromIterator<(String, V)> for IdMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        IdMap(iter.into_iter().collect())
    }
}

/// An object keyed by ids, each entry a `V`; the entries' order is kept.
impl<V: schemars::JsonSchema> schemars::JsonSchema for IdMap<V> {
    fn schema_name() -> Cow<'static, str> {
        format!("IdMap_of_{}", V::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(generator)
    }
}

impl<V: Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdMapVisitor<V>(std::marker::PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for IdMapVisitor<V> {
            type Value = IdMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object keyed by ids")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IdMap<V>, A::Error> {
                let mut entries: Vec<(String, V)> = Vec::new();
                let mut seen = HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(de::Error::custom(custom::DUPLICATE_KEY));
                    }
                    entries.push((key, map.next_value()?));
                }
                Ok(IdMap(entries))
            }
        }

        deserializer.deserialize_map(IdMapVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        n: u32,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Alpha,
        Beta,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        items: Vec<Inner>,
        #[serde(default)]
        facts: IdMap<bool>,
    }

    fn err(text: &str) -> PolicyError {
        parse::<Outer>("doc", text).unwrap_err()
    }

    fn shape(text: &str) -> (String, ShapeProblem) {
        match err(text) {
            PolicyError::Shape { path, problem, .. } => (path, problem),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_a_well_formed_document() {
        let outer: Outer = parse(
            "doc",
            r#"{"items":[{"n":1,"kind":"beta"}],"facts":{"x":true}}"#,
        )
        .unwrap();
        assert_eq!(outer.items[0].kind, Some(Kind::Beta));
        assert_eq!(outer.facts.0, vec![("x".to_owned(), true)]);
    }

    #[test]
    fn null_is_none_for_an_option_and_the_unit_value_and_numbers_may_be_negative() {
        let outer: Outer = parse("doc", r#"{"items":[{"n":1,"kind":null}]}"#).unwrap();
        assert_eq!(outer.items[0].kind, None);
        let unit: () = parse("doc", "null").unwrap();
        assert_eq!(unit, ());
        assert!(parse::<()>("doc", "0").is_err());
        #[derive(Debug, Deserialize, PartialEq)]
        struct Hours {
            h: f64,
        }
        let negative: Hours = parse("doc", r#"{"h":-3}"#).unwrap();
        assert_eq!(negative.h, -3.0);
        let whole: Hours = parse("doc", r#"{"h":3}"#).unwrap();
        assert_eq!(whole.h, 3.0);
    }

    #[test]
    fn an_array_in_place_of_an_object_is_refused() {
        assert_eq!(
            shape(r#"{"items":[[1]]}"#),
            (
                "items[0]".to_owned(),
                ShapeProblem::WrongType(Expected::Object)
            )
        );
        assert_eq!(
            shape("[]"),
            (String::new(), ShapeProblem::WrongType(Expected::Object))
        );
    }

    #[test]
    fn a_key_written_with_escapes_is_the_key_it_spells() {
        let outer: Outer = parse(
            "doc",
            r#"{"\u0069tems":[{"\u006e":1,"kind":"\u0061lpha"}]}"#,
        )
        .unwrap();
        assert_eq!(
            outer.items,
            [Inner {
                n: 1,
                kind: Some(Kind::Alpha)
            }]
        );
    }

    #[test]
    fn an_id_map_read_by_serde_json_directly_refuses_a_repeated_key_too() {
        let err = serde_json::from_str::<IdMap<bool>>(r#"{"a":true,"a":false}"#).unwrap_err();
        assert!(err.to_string().contains(custom::DUPLICATE_KEY), "{err}");
        let map: IdMap<bool> = serde_json::from_str(r#"{"a":true,"b":false}"#).unwrap();
        assert_eq!(map.0, [("a".to_owned(), true), ("b".to_owned(), false)]);
    }

    #[test]
    fn an_error_displays_its_path_and_problem() {
        let error = Error::shape(ShapeProblem::BadDate)
            .at(Segment::Index(2))
            .at(Segment::Field("items"));
        assert_eq!(
            error.to_string(),
            "items[2]: expected a date written YYYY-MM-DD"
        );
        let error = Error {
            path: vec![Segment::Field("as_of")],
            problem: Problem::Limit(Limit::Calendar),
        };
        assert_eq!(error.to_string(), format!("as_of: {}", Limit::Calendar));
    }

    #[test]
    fn duplicate_keys_are_refused_in_structs_and_maps() {
        assert_eq!(
            shape(r#"{"items":[{"n":1,"n":2}]}"#),
            ("items[0].n".to_owned(), ShapeProblem::DuplicateKey)
        );
        assert_eq!(
            shape(r#"{"items":[],"facts":{"secret":true,"secret":false}}"#),
            ("facts[1]".to_owned(), ShapeProblem::DuplicateKey)
        );
    }

    #[test]
    fn problems_name_schema_paths_and_positions_never_input() {
        assert_eq!(
            shape(r#"{"items":[{"n":1,"secret`x":2}]}"#),
            ("items[0]".to_owned(), ShapeProblem::UnknownField)
        );
        assert_eq!(
            shape(r#"{"items":[{"n":1,"kind":"x`secret"}]}"#),
            (
                "items[0].kind".to_owned(),
                ShapeProblem::NotOneOf(&["alpha", "beta"])
            )
        );
        assert_eq!(
            shape(r#"{"items":[{}]}"#),
            ("items[0].n".to_owned(), ShapeProblem::MissingField)
        );
        assert_eq!(
            shape(r#"{"items":[],"facts":{"secret":3}}"#),
            (
                "facts[0]".to_owned(),
                ShapeProblem::WrongType(Expected::Bool)
            )
        );
        let message = err(r#"{"items":[{"n":"secret"}]}"#).to_string();
        assert_eq!(message, "doc: items[0].n: expected a whole number");
    }

    #[test]
    fn whole_numbers_are_whole_and_fit_their_field() {
        assert_eq!(
            shape(r#"{"items":[{"n":1.0}]}"#).1,
            ShapeProblem::WrongType(Expected::WholeNumber)
        );
        assert_eq!(
            shape(r#"{"items":[{"n":4294967296}]}"#).1,
            ShapeProblem::OutOfRange(Expected::WholeNumber)
        );
        assert_eq!(
            shape(r#"{"items":[{"n":-1}]}"#).1,
            ShapeProblem::OutOfRange(Expected::WholeNumber)
        );
        assert_eq!(
            shape(r#"{"items":[{"n":1e300}]}"#).1,
            ShapeProblem::OutOfRange(Expected::WholeNumber)
        );
    }

    #[test]
    fn nesting_beyond_the_limit_is_a_limit_error() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(matches!(
            parse::<Outer>("doc", &deep),
            Err(PolicyError::Limit {
                limit: Limit::Depth,
                ..
            })
        ));
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(matches!(
            parse::<Outer>("doc", &fine),
            Err(PolicyError::Shape { .. })
        ));
    }

    #[test]
    fn an_id_map_is_empty_only_without_entries() {
        assert!(IdMap::<u32>::default().is_empty());
        let one: IdMap<u32> = [("a".to_owned(), 1)].into_iter().collect();
        assert!(!one.is_empty());
        assert_eq!(one.iter().collect::<Vec<_>>(), [("a", &1)]);
    }

    #[test]
    fn a_document_beyond_the_size_limit_is_refused_before_reading() {
        let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        assert!(matches!(
            parse::<Outer>("doc", &big),
            Err(PolicyError::Limit {
                limit: Limit::DocumentSize,
                ..
            })
        ));
        // At the limit it is read (and here, being blank, is not JSON).
        let at_limit = &big[..MAX_DOCUMENT_BYTES];
        assert!(matches!(
            parse::<Outer>("doc", at_limit),
            Err(PolicyError::Syntax { .. })
        ));
    }

    #[test]
    fn syntax_and_size_are_checked_first() {
        assert!(matches!(
            err("{\n\"items\": [}"),
            PolicyError::Syntax { line: 2, .. }
        ));
        assert!(matches!(err("{} x"), PolicyError::Syntax { .. }));
    }
}
