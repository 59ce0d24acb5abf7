//! Reads the host element's light DOM into the core's [`Markup`] tree.

use crate::core::markup::{Markup, MAX_DEPTH};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The children of `host` as markup. Comments and processing instructions are skipped;
/// content nested deeper than [`MAX_DEPTH`] is read as its text.
pub fn read_children(host: &Element) -> Vec<Markup> {
    children_of(host.as_ref(), 0)
}

fn children_of(node: &Node, depth: usize) -> Vec<Markup> {
    let list = node.child_nodes();
    let mut children = Vec::with_capacity(list.length() as usize);
    for index in 0..list.length() {
        let Some(child) = list.item(index) else { continue };
        match child.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                children.push(Markup::Text(child.node_value().unwrap_or_default()));
            }
            Node::ELEMENT_NODE => {
                let Some(element) = child.dyn_ref::<Element>() else { continue };
                if depth >= MAX_DEPTH {
                    children.push(Markup::Text(element.text_content().unwrap_or_default()));
                    continue;
                }
                children.push(Markup::Element {
                    tag: element.local_name().to_ascii_lowercase(),
                    attrs: attributes_of(element),
                    children: children_of(&child, depth + 1),
                });
            }
            _ => {}
        }
    }
    children
}

fn attributes_of(element: &Element) -> Vec<(String, String)> {
    let attributes = element.attributes();
    (0..attributes.length())
        .filter_map(|index| attributes.item(index))
        .map(|attr| (attr.name().to_ascii_lowercase(), attr.value()))
        .collect()
}
