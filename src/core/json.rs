//! A small JSON value with a strict parser and a writer.
//!
//! Why not serde_json: measured in this bundle, serde_json and its float tables cost about
//! 25 KB of the 110 KB gzip budget that every reader downloads, while the widget only
//! stores strings, booleans and whole numbers. This module is tested against serde_json
//! (a dev-dependency) on the same inputs, so the two agree on what is valid JSON.

use std::borrow::Cow;
use std::fmt::Write as _;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// Whole numbers only: the widget stores ids, versions and millisecond timestamps.
    /// Fractions and exponents are parsed (so valid JSON is never refused) but kept as
    /// [`Json::Fraction`].
    Int(i64),
    /// A number that is not a whole `i64`; kept as written.
    Fraction(String),
    String(String),
    Array(Vec<Json>),
    /// Members in document order; on duplicate names the last one wins on lookup.
    Object(Vec<(String, Json)>),
}

/// A member value of an item read by [`Json::parse_items`]: texts borrow from the source
/// where they can, so reading many records allocates little.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field<'t> {
    Null,
    Bool(bool),
    Int(i64),
    Str(Cow<'t, str>),
    /// Anything else (a fraction, an array, an object).
    Other(Json),
}

impl Field<'_> {
    pub fn into_json(self) -> Json {
        match self {
            Field::Null => Json::Null,
            Field::Bool(b) => Json::Bool(b),
            Field::Int(n) => Json::Int(n),
            Field::Str(s) => Json::String(s.into_owned()),
            Field::Other(json) => json,
        }
    }
}

/// The members of an object item, in document order (see [`Item`]).
pub type Members<'t> = Vec<(Cow<'t, str>, Field<'t>)>;

/// An item of the array read by [`Json::parse_items`].
#[derive(Debug, PartialEq, Eq)]
pub enum Item<'t, 'm> {
    /// An object: its members in document order, in a buffer that is used again for the
    /// next item (take them out with `drain`).
    Members(&'m mut Members<'t>),
    Other(Json),
}

/// Where and why a text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub reason: &'static str,
}

/// Nesting deeper than this is refused (stored data is never that deep; hostile data can be).
const MAX_NESTING: usize = 64;

impl Json {
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut parser = Parser { text, bytes: text.as_bytes(), at: 0 };
        parser.skip_space();
        let value = parser.value(0)?;
        parser.skip_space();
        if parser.at != parser.bytes.len() {
            return Err(parser.error("unexpected text after the value"));
        }
        Ok(value)
    }

    /// Parses a top-level object and hands the items of its array member `member` to `each`
    /// one by one, as they are read, each with its exact source text (so an item the caller
    /// cannot use can be written back byte for byte). Returns the object, where that member
    /// is `Null`, and whether the array was there. Items handed out before an error in a
    /// later part of the text are still handed out: the caller drops them with the error.
    pub fn parse_items<'t>(text: &'t str, member: &str, mut each: impl FnMut(Item<'t, '_>, &'t str)) -> Result<(Json, bool), JsonError> {
        Self::parse_items_dyn(text, member, &mut each)
    }

    fn parse_items_dyn<'t>(text: &'t str, member: &str, each: &mut dyn FnMut(Item<'t, '_>, &'t str)) -> Result<(Json, bool), JsonError> {
        let mut parser = Parser { text, bytes: text.as_bytes(), at: 0 };
        parser.skip_space();
        if parser.peek() != Some(b'{') {
            return Json::parse(text).map(|value| (value, false));
        }
        let mut found = false;
        let mut members = Vec::new();
        parser.each_member(&mut |parser, key| {
            let value = if !found && key == member && parser.peek() == Some(b'[') {
                parser.items(each)?;
                found = true;
                Json::Null
            } else {
                parser.value(1)?
            };
            members.push((key.into_owned(), value));
            Ok(())
        })?;
        parser.skip_space();
        if parser.at != parser.bytes.len() {
            return Err(parser.error("unexpected text after the value"));
        }
        Ok((Json::Object(members), found))
    }

    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(key, _)| key == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Compact JSON text. `<` is written as `\u003c`, so the text is also safe inside a
    /// `<script>` element.
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Appends the compact JSON text to `out`.
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => write_int(*n, out),
            Json::Fraction(text) => out.push_str(text),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (index, (key, value)) in members.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Builds an object from `(name, value)` pairs, leaving out `None`s.
pub fn object(members: Vec<(&str, Option<Json>)>) -> Json {
    Json::Object(
        members
            .into_iter()
            .filter_map(|(key, value)| value.map(|v| (key.to_owned(), v)))
            .collect(),
    )
}

pub fn string(s: &str) -> Json {
    Json::String(s.to_owned())
}

/// Appends `s` as a JSON string: runs of plain characters are copied whole. The scan is by
/// byte: every character that needs escaping starts with a byte below 0x20, `"`, `\\`, `<`, or
/// 0xE2 (U+2028 and U+2029, which old JavaScript parsers refuse inside strings).
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            b'<' => "\\u003c",
            0xE2 if bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)) => {
                if bytes[at + 2] == 0xA8 { "\\u2028" } else { "\\u2029" }
            }
            b if b < 0x20 => "",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&s[run..at]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(escape);
        }
        at += if escape.starts_with("\\u202") { 3 } else { 1 };
        run = at;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Appends a whole number without going through the formatting machinery.
pub fn write_int(n: i64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
}

/// How many bytes at the start of `bytes` are plain string content: none is `"`, `\\` or a
/// control character. Eight bytes are looked at together (stored texts are long).
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let special = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let (quote, slash) = (word ^ (ONES * u64::from(b'"')), word ^ (ONES * u64::from(b'\\')));
        // The high bit of a byte is set where the byte is zero (or below 0x20): exact for the
        // first such byte, which is the one wanted.
        let zero = |x: u64, below: u64| x.wrapping_sub(ONES * below) & !x & HIGH;
        let hits = zero(quote, 1) | zero(slash, 1) | zero(word, 0x20);
        if hits != 0 {
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + chunks.remainder().iter().position(|&b| special(b)).unwrap_or(chunks.remainder().len())
}

/// The reader's smallest steps (`peek`, `skip_space`, `slice`) are always inlined: built for
/// size, they were calls, a fifth of all the instructions spent reading a large store.
struct Parser<'a> {
    /// The text being read (already valid UTF-8: slices at its ASCII delimiters need no check).
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    /// The text between two byte offsets, without validating it again.
    #[inline(always)]
    fn slice(&self, start: usize, end: usize) -> Result<&'a str, JsonError> {
        self.text.get(start..end).ok_or_else(|| self.error("bad text"))
    }

    fn error(&self, reason: &'static str) -> JsonError {
        JsonError { offset: self.at, reason }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unknown word"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_NESTING {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            None => Err(self.error("unexpected end")),
            Some(b'n') => self.expect_word("null", Json::Null),
            Some(b't') => self.expect_word("true", Json::Bool(true)),
            Some(b'f') => self.expect_word("false", Json::Bool(false)),
            Some(b'"') => self.string().map(|s| Json::String(s.into_owned())),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    self.skip_space();
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error("expected , or ]")),
                    }
                }
            }
            Some(b'{') => {
                let mut members = Vec::new();
                self.each_member(&mut |parser, key| {
                    let value = parser.value(depth + 1)?;
                    members.push((key.into_owned(), value));
                    Ok(())
                })?;
                Ok(Json::Object(members))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    /// An array at the top level of an object, each item handed to `each` with its source
    /// text; the members of object items go through one reused buffer.
    fn items(&mut self, each: &mut dyn FnMut(Item<'a, '_>, &'a str)) -> Result<(), JsonError> {
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        let mut members = Vec::with_capacity(12);
        loop {
            self.skip_space();
            let start = self.at;
            let item = if self.peek() == Some(b'{') {
                members.clear();
                self.members(&mut members)?;
                Item::Members(&mut members)
            } else {
                Item::Other(self.value(2)?)
            };
            // Values start and end at ASCII bytes: the slice is whole UTF-8.
            let raw = self.slice(start, self.at).unwrap_or_default();
            each(item, raw);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected , or ]")),
            }
        }
    }

    /// The members of an object (at the opening brace) with scalars read in place.
    fn members(&mut self, members: &mut Members<'a>) -> Result<(), JsonError> {
        self.each_member(&mut |parser, key| {
            let field = match parser.peek() {
                Some(b'"') => Field::Str(parser.string()?),
                Some(b'-' | b'0'..=b'9') => match parser.number()? {
                    Json::Int(n) => Field::Int(n),
                    other => Field::Other(other),
                },
                _ => match parser.value(3)? {
                    Json::Null => Field::Null,
                    Json::Bool(b) => Field::Bool(b),
                    other => Field::Other(other),
                },
            };
            members.push((key, field));
            Ok(())
        })
    }

    /// Walks an object at its opening brace: `member` reads each value, the parser at it.
    fn each_member(&mut self, member: &mut dyn FnMut(&mut Self, Cow<'a, str>) -> Result<(), JsonError>) -> Result<(), JsonError> {
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a name"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected :"));
            }
            self.at += 1;
            self.skip_space();
            member(self, key)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected , or }")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let int_start = self.at;
        // The whole part, read as it is scanned (most numbers here are whole); up to 18
        // digits always fit, longer ones are read again below.
        let mut value: u64 = 0;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            value = value.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
            self.at += 1;
        }
        let int_digits = self.at - int_start;
        if int_digits == 0 || (int_digits > 1 && self.bytes[int_start] == b'0') {
            return Err(self.error("bad number"));
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            whole = false;
            if self.digits() == 0 {
                return Err(self.error("bad number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            whole = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("bad number"));
            }
        }
        // The slice is ASCII digits and signs: always valid UTF-8.
        let text = self.slice(start, self.at).unwrap_or("0");
        let value = match int_digits {
            ..=18 => Some(if negative { -(value as i64) } else { value as i64 }),
            _ => text.parse::<i64>().ok(),
        };
        Ok(match value {
            Some(n) if whole && !(n == 0 && negative) => Json::Int(n),
            _ => Json::Fraction(text.to_owned()),
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            return Err(self.error("bad \\u escape"));
        };
        let mut value = 0;
        for &d in digits {
            let nibble = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error("bad \\u escape")),
            };
            value = value * 16 + u32::from(nibble);
        }
        self.at += 4;
        Ok(value)
    }

    /// A string at its opening quote: borrowed from the source when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.at += 1; // the opening quote
        let start = self.at;
        self.at = start + plain_run(&self.bytes[start..]);
        if self.peek() == Some(b'"') {
            let text = self.slice(start, self.at)?;
            self.at += 1;
            return Ok(Cow::Borrowed(text));
        }
        self.at = start - 1;
        self.escaped_string().map(Cow::Owned)
    }

    fn escaped_string(&mut self) -> Result<String, JsonError> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.at;
            self.at += plain_run(&self.bytes[run_start..]);
            // Runs end at ASCII bytes, so they are whole UTF-8 sequences of the input &str.
            out.push_str(self.slice(run_start, self.at)?);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek().ok_or_else(|| self.error("unexpected end"))?;
                    self.at += 1;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.bytes[self.at..].starts_with(b"\\u") {
                                    return Err(self.error("lone surrogate"));
                                }
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("lone surrogate"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            out.push(char::from_u32(code).ok_or_else(|| self.error("lone surrogate"))?);
                        }
                        _ => return Err(self.error("bad escape")),
                    }
                }
                _ => return Err(self.error("unterminated string")),
            }
        }
    }
}
