//! Bundle time: finds every file an app's module graph needs by loading it natively, with the
//! runtime's own loader reading through [`ModuleFiles::Recording`].
//!
//! - The static graph: the main module is parsed, loaded and linked (nothing runs), so a missing
//!   module, a syntax error or a missing export fails the bundle, not the app.
//! - Dynamic imports: `import("literal")` in any bundled file is loaded too (repeatedly, until no
//!   new file turns up). One that cannot be loaded is left out with a note; at run time it fails
//!   with "cannot find module". `--include` adds specifiers by hand (resolved from the main
//!   module); those must load.

use std::{cell::RefCell, collections::BTreeSet, path::PathBuf, rc::Rc};

use super::{
    files::ModuleFiles,
    format::{Bundle, DynamicImport},
    guest::preload,
};
use crate::runtime::{Config, Runtime};

/// Collects the bundle of the app whose main module is `main` (a path, as it would be given to
/// `wasmedge_boa`); `includes` are extra specifiers to bundle. Notes go to `notes`.
pub fn collect(main: &str, includes: &[String], notes: &mut Vec<String>) -> Result<Bundle, String> {
    let library_dir = Config::from_env().library_dir.unwrap_or_else(|| PathBuf::from("modules"));
    let recorded = Rc::new(RefCell::new(Default::default()));
    let config =
        Config { library_dir: Some(library_dir.clone()), module_files: ModuleFiles::Recording(recorded.clone()) };
    let mut runtime = Runtime::new(config).map_err(|e| format!("cannot start the runtime: {e}"))?;
    let source = ModuleFiles::Recording(recorded.clone())
        .read_to_string(std::path::Path::new(main))
        .map_err(|e| format!("cannot read '{main}': {e}"))?;
    runtime.prepare_main(main, &source).map_err(|failure| failure.message)?;

    let mut dynamic_imports = Vec::new();
    for specifier in includes {
        let json = specifier.ends_with(".json");
        preload(&mut runtime, main, specifier, json)
            .map_err(|e| format!("cannot bundle --include '{specifier}': {e}"))?;
        dynamic_imports.push(DynamicImport { referrer: main.to_string(), specifier: specifier.clone(), json });
    }
    let mut scanned = BTreeSet::new();
    loop {
        let pending: Vec<(String, String)> = recorded
            .borrow()
            .iter()
            .filter(|(path, _)| !scanned.contains(*path) && !path.ends_with(".json"))
            .map(|(path, source)| (path.clone(), source.clone()))
            .collect();
        if pending.is_empty() {
            break;
        }
        for (path, source) in pending {
            for specifier in literal_dynamic_imports(&source) {
                let json = specifier.ends_with(".json");
                match preload(&mut runtime, &path, &specifier, json) {
                    Ok(()) => dynamic_imports.push(DynamicImport { referrer: path.clone(), specifier, json }),
                    Err(error) => notes.push(format!("import('{specifier}') in '{path}' is not bundled: {error}")),
                }
            }
            scanned.insert(path);
        }
    }
    dynamic_imports.sort();
    dynamic_imports.dedup();
    let files = recorded.borrow().clone();
    Ok(Bundle {
        main: main.to_string(),
        library_dir: library_dir.to_string_lossy().into_owned(),
        files,
        dynamic_imports,
    })
}

/// The specifiers of `import("…")` calls whose argument is a plain string literal. A textual scan:
/// one inside a comment or string is found too (loading it is harmless; if it fails, a note).
pub fn literal_dynamic_imports(source: &str) -> Vec<String> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$' || c == '.';
    let mut found = Vec::new();
    for (at, _) in source.match_indices("import") {
        if source[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let rest = source[at + "import".len()..].trim_start();
        let Some(rest) = rest.strip_prefix('(') else { continue };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| matches!(c, '\'' | '"' | '`')) else { continue };
        let Some(end) = rest[1..].find(quote) else { continue };
        let specifier = &rest[1..1 + end];
        let plain = !specifier.is_empty() && !specifier.contains(['\\', '\n']) && !specifier.contains("${");
        if plain {
            found.push(specifier.to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::literal_dynamic_imports;

    #[test]
    fn finds_literal_dynamic_imports_only() {
        let source = r#"
            import x from './static.js';
            const a = await import('./a.js');
            const b = await import ( "./b.json" , { with: { type: 'json' } });
            const c = import(`./c.js`);
            const d = import(`./${name}.js`);
            const e = import(name);
            obj.import('./not-an-import.js');
            reimport('./nor-this.js');
        "#;
        assert_eq!(literal_dynamic_imports(source), vec!["./a.js", "./b.json", "./c.js"]);
    }
}
