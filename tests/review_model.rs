//! The allow-listed review model, `redact` and the JSON-LD, on friendly, hostile and
//! malformed HTML.

mod support;

use review_widget::core::markup::Markup;
use review_widget::core::review::{
    json_ld, parse_review, redact, Block, BookFacts, Inline, ParseOptions, Review, SpoilerLabel,
};
use support::html;

fn review(source: &str) -> Review {
    parse_review(&html(source), ParseOptions::default())
}

fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

const CONTRACT_EXAMPLE: &str = r#"
  <p>An opening paragraph with no spoilers.</p>
  <details data-spoiler>
    <summary>What Hailsham is for</summary>
    <p>A whole section that gives the plot away.</p>
  </details>
  <p>Text with an <span data-spoiler>inline secret</span> inside it.</p>
  <blockquote><p>A quotation.</p></blockquote>
  <aside data-content-warning>Sexual content</aside>
"#;

#[test]
fn the_contract_example_becomes_paragraphs_spoilers_a_quote_and_a_warning() {
    let r = review(CONTRACT_EXAMPLE);
    assert_eq!(r.content_warnings, vec!["Sexual content".to_owned()]);
    assert_eq!(r.blocks.len(), 4, "{:#?}", r.blocks);
    assert_eq!(r.blocks[0], Block::Paragraph(vec![text("An opening paragraph with no spoilers.")]));
    let Block::Spoiler(block) = &r.blocks[1] else { panic!("block spoiler expected: {:?}", r.blocks[1]) };
    assert_eq!(block.label, SpoilerLabel::Given("What Hailsham is for".into()));
    assert_eq!(block.content, vec![Block::Paragraph(vec![text("A whole section that gives the plot away.")])]);
    let Block::Paragraph(inlines) = &r.blocks[2] else { panic!() };
    assert_eq!(inlines[0], text("Text with an "));
    let Inline::Spoiler(inline) = &inlines[1] else { panic!("inline spoiler expected") };
    assert_eq!(inline.label, SpoilerLabel::Unnamed);
    assert_eq!(inline.content, vec![text("inline secret")]);
    assert_eq!(inlines[2], text(" inside it."));
    assert_eq!(r.blocks[3], Block::Quote(vec![Block::Paragraph(vec![text("A quotation.")])]));
    assert_eq!(r.spoiler_ids().len(), 2);
}

#[test]
fn scripts_styles_templates_and_embeds_are_dropped_with_their_text() {
    let r = review(
        r#"<p>Safe<script>window.__pwned = 1</script><style>p{}</style></p>
           <template><p>tpl</p></template><iframe src="https://evil.example">frame</iframe>
           <svg onload="x()"><text>svg</text></svg><noscript>ns</noscript><p hidden>gone</p>"#,
    );
    assert_eq!(redact(&r), "Safe");
}

#[test]
fn unknown_elements_are_unwrapped_to_their_text() {
    let r = review(r#"<div class="x" onclick="evil()"><marquee>Moving <u>words</u></marquee></div><font color=red>red</font>"#);
    assert_eq!(r.blocks, vec![Block::Paragraph(vec![text("Moving words")]), Block::Paragraph(vec![text("red")])]);
}

#[test]
fn only_safe_urls_survive() {
    let r = review(
        r#"<p><a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(1)">js2</a>
           <a href="https://example.org/a" onclick="x()">ok</a> <a href="/rel">rel</a>
           <a href="mailto:a@b.c">mail</a> <img src="javascript:x" alt="cover">
           <img src="https://example.org/c.jpg" alt="Cover" onerror="x()"> <a href="data:text/html,x">data</a></p>"#,
    );
    let Block::Paragraph(inlines) = &r.blocks[0] else { panic!() };
    let links: Vec<&str> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link { href, .. } => Some(href.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(links, vec!["https://example.org/a", "/rel", "mailto:a@b.c"]);
    let images: Vec<&Inline> = inlines.iter().filter(|i| matches!(i, Inline::Image { .. })).collect();
    assert_eq!(
        images,
        vec![&Inline::Image { src: "https://example.org/c.jpg".into(), alt: "Cover".into() }]
    );
    let all = redact(&r);
    assert!(all.contains("js js2") && all.contains("cover") && all.contains("data"), "{all}");
}

#[test]
fn a_spoiler_inside_a_summary_never_reaches_the_label() {
    let r = review(
        r#"<details data-spoiler><summary>Who <span data-spoiler>Tommy</span> becomes</summary><p>Body</p></details>"#,
    );
    let Block::Spoiler(spoiler) = &r.blocks[0] else { panic!() };
    assert_eq!(spoiler.label, SpoilerLabel::Given("Who becomes".into()));
}

#[test]
fn empty_spoilers_are_left_out() {
    let r = review(r#"<p>Before <span data-spoiler> </span>after</p><details data-spoiler><summary>Label only</summary></details><div data-spoiler="x"></div>"#);
    assert!(r.spoiler_ids().is_empty(), "{:#?}", r.blocks);
    assert_eq!(redact(&r), "Before after");
}

#[test]
fn a_spoiler_inside_a_link_hides_the_whole_link() {
    let r = review(r#"<p><a href="https://example.org/twist">The <span data-spoiler="twist">butler</span> did it</a></p>"#);
    let Block::Paragraph(inlines) = &r.blocks[0] else { panic!() };
    let [Inline::Spoiler(spoiler)] = inlines.as_slice() else { panic!("{inlines:?}") };
    assert_eq!(spoiler.label, SpoilerLabel::Given("twist".into()));
    assert!(matches!(&spoiler.content[..], [Inline::Link { href, .. }] if href == "https://example.org/twist"));
    assert_eq!(redact(&r), "[spoiler]");
}

#[test]
fn nested_inline_spoilers_become_one() {
    let r = review(r#"<p><span data-spoiler>outer <span data-spoiler>inner</span></span></p>"#);
    assert_eq!(r.spoiler_ids().len(), 1);
}

#[test]
fn block_spoilers_take_any_block_element_and_a_label() {
    let r = review(r#"<div data-spoiler="The ending"><p>One</p><p>Two</p></div><p data-spoiler>Para</p>"#);
    let labels: Vec<SpoilerLabel> = r
        .blocks
        .iter()
        .map(|b| match b {
            Block::Spoiler(s) => s.label.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(labels, vec![SpoilerLabel::Given("The ending".into()), SpoilerLabel::Unnamed]);
}

#[test]
fn headings_are_relevelled_under_the_widget_heading() {
    let nodes = html("<h1>Top</h1><h3>Deeper</h3><h2>Second</h2>");
    let levels = |heading_level| {
        parse_review(&nodes, ParseOptions { heading_level, ..ParseOptions::default() })
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, .. } => *level,
                other => panic!("{other:?}"),
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(levels(2), vec![3, 5, 4]);
    assert_eq!(levels(5), vec![6, 6, 6]);
}

#[test]
fn spoiler_ids_are_stable_change_with_content_and_never_collide() {
    let a = review("<p><span data-spoiler>same</span> <span data-spoiler>same</span></p>").spoiler_ids();
    let again = review("<p><span data-spoiler>same</span> <span data-spoiler>same</span></p>").spoiler_ids();
    let edited = review("<p><span data-spoiler>changed</span></p>").spoiler_ids();
    assert_eq!(a, again);
    assert_ne!(a[0], a[1]);
    assert_ne!(a[0], edited[0]);
}

#[test]
fn whole_review_mode_keeps_only_the_summary_outside() {
    let nodes = html(r#"<p data-summary>Short and spoiler-free.</p><p>All the rest.</p><aside data-content-warning>Grief</aside>"#);
    let r = parse_review(&nodes, ParseOptions { whole_review_spoiler: true, ..ParseOptions::default() });
    assert_eq!(r.content_warnings, vec!["Grief".to_owned()]);
    assert_eq!(r.blocks.len(), 2);
    assert_eq!(r.blocks[0], Block::Summary(vec![text("Short and spoiler-free.")]));
    let Block::Spoiler(whole) = &r.blocks[1] else { panic!() };
    assert_eq!(whole.label, SpoilerLabel::WholeReview);
    assert_eq!(redact(&r), "Short and spoiler-free.\n\n[spoiler]");
}

#[test]
fn lists_figures_code_and_breaks_are_kept() {
    let r = review(
        "<ul><li>One</li><li><p>Two</p></li></ul><ol><li>A</li></ol><pre>\n  keep   spaces</pre>\
         <figure><img src=\"/c.jpg\" alt=\"Cover\"><figcaption>The cover</figcaption></figure>\
         <p>Line<br>next <code>x  y</code></p><hr>",
    );
    assert!(matches!(&r.blocks[0], Block::List { ordered: false, items } if items.len() == 2));
    assert!(matches!(&r.blocks[1], Block::List { ordered: true, .. }));
    assert_eq!(r.blocks[2], Block::Preformatted("  keep   spaces".into()));
    assert!(matches!(&r.blocks[3], Block::Figure { caption, .. } if caption == &vec![text("The cover")]));
    assert_eq!(
        r.blocks[4],
        Block::Paragraph(vec![text("Line"), Inline::Break, text("next "), Inline::Code("x y".into())])
    );
    assert_eq!(r.blocks[5], Block::Rule);
}

#[test]
fn absurd_nesting_does_not_overflow_the_stack() {
    let mut node = Markup::text("deep secret-free text");
    // Deeper than the parser descends; the shell never reads deeper than this either.
    for _ in 0..500 {
        node = Markup::element("div", &[], vec![Markup::element("span", &[], vec![node])]);
    }
    let r = parse_review(&[node], ParseOptions::default());
    assert_eq!(redact(&r), "deep secret-free text");
}

#[test]
fn redact_and_json_ld_never_contain_spoiler_text() {
    let source = format!(
        "{CONTRACT_EXAMPLE}<p>Also <a href=\"/x\"><span data-spoiler>linked secret</span></a>.</p>\
         <div data-spoiler=\"Ending\"><p>ending words</p></div>"
    );
    let r = review(&source);
    let secrets = ["gives the plot away", "inline secret", "linked secret", "ending words"];
    let redacted = redact(&r);
    for secret in secrets {
        assert!(!redacted.contains(secret), "{secret} leaked into {redacted}");
    }
    assert!(redacted.contains("An opening paragraph") && redacted.contains("[spoiler]"));
    let facts = BookFacts {
        book_title: Some("Never Let Me Go"),
        book_author: Some("Kazuo Ishiguro"),
        rating: review_widget::core::config::Rating::parse("4.5"),
        reviewer: Some("A. Reader"),
        published: Some("2026-11-20"),
    };
    let ld = json_ld(&facts, &r);
    for secret in secrets {
        assert!(!ld.contains(secret), "{secret} leaked into JSON-LD");
    }
    let value: serde_json::Value = serde_json::from_str(&ld).expect("valid JSON");
    assert_eq!(value["@type"], "Review");
    assert_eq!(value["itemReviewed"]["name"], "Never Let Me Go");
    assert_eq!(value["itemReviewed"]["author"]["name"], "Kazuo Ishiguro");
    assert_eq!(value["reviewRating"]["ratingValue"], 4.5);
    assert_eq!(value["author"]["name"], "A. Reader");
    assert_eq!(value["datePublished"], "2026-11-20");
    assert_eq!(value["reviewBody"], redacted);
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let r = review("<p>&lt;/script&gt;&lt;script&gt;alert(1)</p>");
    let ld = json_ld(&BookFacts::default(), &r);
    assert!(!ld.contains('<'), "{ld}");
    let value: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(value["reviewBody"], "</script><script>alert(1)");
}

#[test]
fn spoilers_read_how_far_they_reach_when_the_book_has_chapters() {
    use review_widget::core::progress::Reach;
    let source = r#"<details data-spoiler data-chapter="3"><summary>Early</summary><p>one</p></details>
        <p>A <span data-spoiler data-chapter="12">middle secret</span> and a
           <span data-spoiler data-chapter="12.5">half</span> and <span data-spoiler data-chapter="99">far</span>.</p>
        <details data-spoiler data-chapter="18"><summary>Late</summary><p>two</p></details>
        <details data-spoiler><summary>The end</summary><p>three</p></details>
        <p><a href="https://example.org/"><span data-spoiler data-chapter="5">linked</span></a></p>"#;
    let nodes = html(source);
    let options = ParseOptions { chapters: Some(23), ..ParseOptions::default() };
    let reaches: Vec<Reach> = parse_review(&nodes, options).spoilers().into_iter().map(|(_, reach)| reach).collect();
    assert_eq!(
        reaches,
        vec![Reach::Chapter(3), Reach::Chapter(12), Reach::WholeBook, Reach::WholeBook, Reach::Chapter(18), Reach::WholeBook, Reach::Chapter(5)]
    );
    // Without `chapters`, every spoiler reaches the whole book.
    let plain = parse_review(&nodes, ParseOptions::default()).spoilers();
    assert!(plain.iter().all(|(_, reach)| *reach == Reach::WholeBook));
}
