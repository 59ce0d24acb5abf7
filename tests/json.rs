//! The widget's JSON reader and writer agree with serde_json on what is JSON and what it says.

use review_widget::core::json::Json;

fn to_serde(value: &Json) -> serde_json::Value {
    match value {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => serde_json::Value::Bool(*b),
        Json::Int(n) => serde_json::Value::from(*n),
        Json::Fraction(text) => serde_json::from_str(text).unwrap(),
        Json::String(s) => serde_json::Value::String(s.clone()),
        Json::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(members) => {
            serde_json::Value::Object(members.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect())
        }
    }
}

const VALID: &[&str] = &[
    "null",
    " true ",
    "false",
    "0",
    "-0",
    "42",
    "-9007199254740993",
    "1.5",
    "-2.5e-3",
    "1E10",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "9223372036854775807",
    r#""""#,
    r#""plain""#,
    r#""esc \" \\ \/ \b \f \n \r \t""#,
    r#""\u00e9\u4e2d\ud83d\ude00""#,
    r#""é 中 😀""#,
    "[]",
    "[1, [2, [3]], {}]",
    r#"{"a": 1, "b": [true, null], "c": {"d": "e"}}"#,
    r#"{"dup": 1, "dup": 2}"#,
    "\n\t[ 1 ,2 ]\r\n",
];

const INVALID: &[&str] = &[
    "",
    " ",
    "nul",
    "True",
    "01",
    "1.",
    ".5",
    "+1",
    "1e",
    "--1",
    r#""unterminated"#,
    "\"tab\tinside\"",
    r#""\x""#,
    r#""\u12""#,
    r#""\ud83d""#,
    r#""\ude00""#,
    "[1,]",
    "[1 2]",
    "{\"a\" 1}",
    "{a: 1}",
    "{\"a\": 1,}",
    "[",
    "{",
    "1 2",
    "[] x",
    "NaN",
    "Infinity",
];

#[test]
fn valid_json_reads_the_same_as_serde_json() {
    for text in VALID {
        let ours = Json::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(to_serde(&ours), theirs, "{text}");
    }
}

#[test]
fn invalid_json_is_refused_like_serde_json_does() {
    for text in INVALID {
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err(), "serde_json accepts {text:?}");
        assert!(Json::parse(text).is_err(), "accepted {text:?}");
    }
}

#[test]
fn written_json_reads_back_identically_in_both() {
    let value = Json::Object(vec![
        ("text".into(), Json::String("quote \" backslash \\ newline \n control \u{1} </script> \u{2028} 😀".into())),
        ("n".into(), Json::Int(-1_700_000_000_000)),
        ("list".into(), Json::Array(vec![Json::Null, Json::Bool(true), Json::Fraction("1.5".into())])),
    ]);
    let text = value.to_json_string();
    assert!(!text.contains('<'), "{text}");
    assert_eq!(Json::parse(&text).unwrap(), value);
    let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(theirs, to_serde(&value));
}

#[test]
fn hostile_nesting_is_refused_without_overflowing() {
    let deep = "[".repeat(100_000);
    assert!(Json::parse(&deep).is_err());
    let ok = format!("{}{}", "[".repeat(60), "]".repeat(60));
    assert!(Json::parse(&ok).is_ok());
}

#[test]
fn lookups() {
    let value = Json::parse(r#"{"a": "x", "n": 3, "b": false, "l": [1], "dup": 1, "dup": 2}"#).unwrap();
    assert_eq!(value.get("a").and_then(Json::as_str), Some("x"));
    assert_eq!(value.get("n").and_then(Json::as_i64), Some(3));
    assert_eq!(value.get("b").and_then(Json::as_bool), Some(false));
    assert_eq!(value.get("l").and_then(Json::as_array).map(<[Json]>::len), Some(1));
    assert_eq!(value.get("dup").and_then(Json::as_i64), Some(2), "the last duplicate wins, as in JSON.parse");
    assert_eq!(value.get("missing"), None);
}

#[test]
fn items_read_one_by_one_match_the_whole_document_and_keep_their_source_text() {
    let text = r#" { "a" : 1, "items" : [ {"id":"x","n":-5,"s":"t\u00e9\n","b":true,"z":null,"f":1.5,"o":{"k":[1]}} ,
        [1,2] , "plain" , {"dup":1,"dup":2} ], "after": "yes" } "#;
    let whole = Json::parse(text).unwrap();
    let mut items = Vec::new();
    let (head, found) = Json::parse_items(text, "items", |_, raw| items.push(((), raw))).unwrap();
    assert!(found, "the array was found");
    let expected = whole.get("items").and_then(Json::as_array).unwrap();
    assert_eq!(items.len(), expected.len());
    for ((_, raw), expected) in items.iter().zip(expected) {
        assert_eq!(Json::parse(raw).as_ref(), Ok(expected), "{raw}");
        assert_eq!(to_serde(expected), serde_json::from_str::<serde_json::Value>(raw).unwrap());
    }
    assert_eq!(items[1].1, "[1,2]");
    assert_eq!(head.get("after").and_then(Json::as_str), Some("yes"));
    assert_eq!(head.get("items"), Some(&Json::Null));
    assert!(!Json::parse_items(r#"{"items": 5}"#, "items", |_, _| ()).unwrap().1);
    assert!(Json::parse_items(r#"{"items": [1,}"#, "items", |_, _| ()).is_err());
    assert!(Json::parse_items(r#"{"items": []} x"#, "items", |_, _| ()).is_err());
}

#[test]
fn strings_read_the_same_whatever_the_position_of_what_needs_escaping() {
    // The reader looks at eight bytes at a time: every special byte at every offset.
    for special in ["\\\"", "\\\\", "\\n", "\\u00e9", "é", "\u{1F600}", "\t"] {
        for at in 0..20 {
            let text = format!("\"{}{special}{}\"", "a".repeat(at), "b".repeat(19 - at));
            let ours = Json::parse(&text).map(|value| to_serde(&value)).ok();
            assert_eq!(ours, serde_json::from_str::<serde_json::Value>(&text).ok(), "{text:?}");
        }
    }
}
