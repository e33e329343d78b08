//! Reading a design's objects member by member: each read names the member, wrong types and
//! values are refused with their path (`engraving.front.font`), and members the reader did not
//! ask for are refused when it is done, so a typo never silently drops part of an order.

use std::str::FromStr;

use serde_json::{Map, Value};

use super::{invalid, DesignError};

/// Reads an object's members, refusing any it does not know when done.
pub(super) struct Members<'a> {
    path: String,
    object: &'a Map<String, Value>,
    known: Vec<&'static str>,
}

impl<'a> Members<'a> {
    pub(super) fn of(value: &'a Value, path: &str) -> Result<Self, DesignError> {
        let object = value.as_object().ok_or_else(|| invalid(path, "expected an object"))?;
        Ok(Self { path: path.to_string(), object, known: Vec::new() })
    }

    pub(super) fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The member, `None` when absent or null.
    pub(super) fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        self.object.get(key).filter(|v| !v.is_null())
    }

    pub(super) fn string(&mut self, key: &'static str, max_chars: usize) -> Result<String, DesignError> {
        match self.get(key) {
            None => Ok(String::new()),
            Some(Value::String(text)) if text.chars().count() <= max_chars => Ok(text.clone()),
            Some(Value::String(_)) => Err(invalid(&self.at(key), format!("longer than {max_chars} characters"))),
            Some(_) => Err(invalid(&self.at(key), "expected a string")),
        }
    }

    pub(super) fn number(&mut self, key: &'static str, default: f32) -> Result<f32, DesignError> {
        match self.get(key) {
            None => Ok(default),
            Some(value) => value
                .as_f64()
                .map(|n| n as f32)
                .filter(|n| n.is_finite())
                .ok_or_else(|| invalid(&self.at(key), "expected a number")),
        }
    }

    pub(super) fn boolean(&mut self, key: &'static str) -> Result<bool, DesignError> {
        match self.get(key) {
            None => Ok(false),
            Some(value) => value.as_bool().ok_or_else(|| invalid(&self.at(key), "expected true or false")),
        }
    }

    /// A string member parsed with `FromStr`; absent or empty → `None`.
    pub(super) fn parsed<T: FromStr>(&mut self, key: &'static str) -> Result<Option<T>, DesignError>
    where
        T::Err: ToString,
    {
        let text = self.string(key, 200)?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        text.parse().map(Some).map_err(|e: T::Err| invalid(&self.at(key), e.to_string()))
    }

    pub(super) fn finish(self) -> Result<(), DesignError> {
        match self.object.keys().find(|key| !self.known.contains(&key.as_str())) {
            Some(key) => Err(invalid(
                &self.at(key),
                format!("not part of the design (expected one of: {})", self.known.join(", ")),
            )),
            None => Ok(()),
        }
    }
}
