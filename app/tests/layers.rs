//! The module graph of `app/src`, read from its `crate::` and `super::`
//! paths: no module imports one that imports it back, and modules depend
//! only downward (foundation → ui → staff (accounts and sessions) → outbox →
//! capabilities → app).
//!
//! A re-export (`pub use`) is not a dependency: it is how a folder names
//! what it offers. `LAYERS_SRC` points the reader at another tree, so the
//! same rules can be run against an older checkout.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

/// A module as its path below the crate root: `["booking", "page"]`.
type Module = Vec<String>;

/// Which layer each top-level module is in. A module may use those in
/// lower layers; within the foundation, modules may use each other.
const LAYERS: &[(&str, u8)] = &[
    ("common", 0),
    ("error", 0),
    ("browser", 0),
    ("state", 0),
    ("routes", 0),
    ("rate_limit", 0),
    ("ui", 1),
    // Accounts, sessions and the back office's frame: each capability's
    // staff screens are built on them.
    ("staff", 2),
    ("outbox", 3),
    ("jobs", 4),
    ("salary", 4),
    ("guide", 4),
    ("booking", 4),
    ("layout", 5),
    ("home", 5),
    ("design", 5),
    ("dashboard", 5),
    ("seed", 5),
];

/// The named interfaces one capability may use of another, with why.
const BETWEEN_CAPABILITIES: &[(&str, &[&str], &str)] = &[
    // The estimate links to the jobs it describes and says how many match.
    ("salary", &["jobs"], "JobQuery"),
    ("salary", &["jobs", "queries"], "count"),
];

fn source_root() -> PathBuf {
    std::env::var_os("LAYERS_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// Every module under the root with its source, keyed by module path.
fn read_modules(root: &Path) -> BTreeMap<Module, String> {
    let mut modules = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).unwrap().with_extension("");
                let mut module: Module = relative
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                    module.pop();
                }
                modules.insert(module, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    modules
}

/// The source without line comments and without re-exports.
fn dependencies_only(source: &str) -> String {
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut kept = String::new();
    let mut rest = code.as_str();
    while let Some(at) = ["pub use ", "pub(crate) use ", "pub(super) use "]
        .iter()
        .filter_map(|needle| rest.find(needle))
        .min()
    {
        kept.push_str(&rest[..at]);
        rest = rest[at..].split_once(';').map_or("", |(_, after)| after);
    }
    kept.push_str(rest);
    kept
}

/// Every path that starts with `crate` or `super`, use groups expanded:
/// `crate::ui::{PageTitle, form::Echo}` gives two.
fn paths(code: &str) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let starts_word = start == 0 || !is_ident(bytes[start - 1]);
        let rest = &bytes[start..];
        if starts_word && (rest.starts_with(b"crate::") || rest.starts_with(b"super::")) {
            // Carries on after the whole path: `super::super::x` is one.
            path_from(bytes, &mut start, Vec::new(), &mut found);
        } else {
            start += 1;
        }
    }
    found
}

fn is_ident(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn skip_spaces(bytes: &[u8], at: &mut usize) {
    while *at < bytes.len() && bytes[*at].is_ascii_whitespace() {
        *at += 1;
    }
}

/// Reads `a::b::{c, d::e}` from `at`, adding each full path to `found`.
fn path_from(bytes: &[u8], at: &mut usize, mut path: Vec<String>, found: &mut Vec<Vec<String>>) {
    loop {
        skip_spaces(bytes, at);
        if bytes.get(*at) == Some(&b'{') {
            *at += 1;
            loop {
                path_from(bytes, at, path.clone(), found);
                while *at < bytes.len() && !matches!(bytes[*at], b',' | b'}') {
                    *at += 1;
                }
                let closing = bytes.get(*at) != Some(&b',');
                *at += 1;
                if closing {
                    return;
                }
            }
        }
        let begin = *at;
        while *at < bytes.len() && is_ident(bytes[*at]) {
            *at += 1;
        }
        if *at > begin {
            path.push(String::from_utf8_lossy(&bytes[begin..*at]).into_owned());
        }
        if bytes[*at..].starts_with(b"::") {
            *at += 2;
        } else {
            found.push(path);
            return;
        }
    }
}

/// The module a path names: the longest prefix of it that is a module.
fn resolve(from: &Module, path: &[String], modules: &BTreeMap<Module, String>) -> Option<Module> {
    let (mut full, mut rest): (Module, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        _ => (from.clone(), path),
    };
    while rest.first().map(String::as_str) == Some("super") {
        full.pop();
        rest = &rest[1..];
    }
    full.extend(rest.iter().filter(|part| *part != "self").cloned());
    (1..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|prefix| modules.contains_key(prefix))
}

/// Which module uses which; the crate root (re-exports only) is left out.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let modules = read_modules(&source_root());
    let mut edges = BTreeMap::new();
    for (module, source) in &modules {
        let used: BTreeSet<Module> = paths(&dependencies_only(source))
            .iter()
            .filter_map(|path| resolve(module, path, &modules))
            .filter(|target| target != module)
            .collect();
        edges.insert(module.clone(), used);
    }
    edges
}

/// A path of modules from `from` to `to`, if one exists.
fn route(
    edges: &BTreeMap<Module, BTreeSet<Module>>,
    from: &Module,
    to: &Module,
) -> Option<Vec<Module>> {
    let mut came_from: BTreeMap<Module, Module> = BTreeMap::new();
    let mut queue = VecDeque::from([from.clone()]);
    while let Some(here) = queue.pop_front() {
        if &here == to {
            let mut steps = vec![here];
            while let Some(before) = came_from.get(steps.last().unwrap()) {
                steps.push(before.clone());
            }
            steps.reverse();
            return Some(steps);
        }
        for next in edges.get(&here).into_iter().flatten() {
            if next != from && !came_from.contains_key(next) {
                came_from.insert(next.clone(), here.clone());
                queue.push_back(next.clone());
            }
        }
    }
    None
}

fn name(module: &Module) -> String {
    module.join("/")
}

fn layer(module: &Module) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(top, _)| module.first().map(String::as_str) == Some(*top))
        .map(|(_, layer)| *layer)
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    // Arrange
    let edges = graph();
    // Act
    let mut cycles = BTreeSet::new();
    for (module, used) in &edges {
        for target in used {
            if let Some(back) = route(&edges, target, module) {
                let mut cycle: Vec<String> = back.iter().map(name).collect();
                cycle.sort();
                cycles.insert(cycle.join(" ↔ "));
            }
        }
    }
    // Assert
    assert!(
        cycles.is_empty(),
        "import cycles:\n  {}",
        Vec::from_iter(cycles).join("\n  ")
    );
}

#[test]
fn modules_depend_only_on_lower_layers_or_named_interfaces() {
    // Arrange
    let edges = graph();
    // Act
    let mut wrong = Vec::new();
    for (module, used) in edges.iter().filter(|(module, _)| !module.is_empty()) {
        let Some(own) = layer(module) else {
            wrong.push(format!("{} is in no layer: add it to LAYERS", name(module)));
            continue;
        };
        for target in used.iter().filter(|target| target[0] != module[0]) {
            let allowed = match layer(target) {
                Some(theirs) => theirs < own || (theirs == 0 && own == 0),
                None => false,
            } || BETWEEN_CAPABILITIES
                .iter()
                .any(|(from, to, _)| module[0] == *from && target.iter().eq(to.iter()));
            if !allowed {
                wrong.push(format!("{} uses {}", name(module), name(target)));
            }
        }
    }
    // Assert
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn the_reader_finds_grouped_and_relative_paths_and_ignores_reexports() {
    // Arrange
    let source = "use crate::ui::{PageTitle, form::{Echo, use_form}};\n\
                  pub use super::page::BookPage;\n\
                  // crate::commented::Out\n\
                  let x = super::super::types::canonical_zone(name);";
    // Act
    let found = paths(&dependencies_only(source));
    // Assert
    let found: Vec<String> = found.iter().map(|path| path.join("::")).collect();
    assert_eq!(
        found,
        [
            "crate::ui::PageTitle",
            "crate::ui::form::Echo",
            "crate::ui::form::use_form",
            "super::super::types::canonical_zone",
        ]
    );
}
