//! Helpers to build native modules: a synthetic module from a list of exports, and native
//! classes registered in the realm (so that `Class::from_data` finds their prototype).

use boa_engine::{
    Context, JsObject, JsResult, JsString, JsValue, Module, NativeFunction,
    class::{Class, ClassBuilder},
    module::SyntheticModuleInitializer,
    native_function::NativeFunctionPointer,
    object::FunctionObjectBuilder,
};

/// The exports of one native module, in the order they are declared.
#[derive(Default)]
pub struct Exports(Vec<(JsString, JsValue)>);

impl Exports {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an export named `name` with `value`.
    pub fn value(mut self, name: &str, value: impl Into<JsValue>) -> Self {
        self.0.push((JsString::from(name), value.into()));
        self
    }

    /// Adds a native function per `(name, length, function)`, exported under its name.
    pub fn functions(mut self, functions: &[(&str, usize, NativeFunctionPointer)], context: &mut Context) -> Self {
        for (name, length, f) in functions {
            let function = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(*f))
                .name(JsString::from(*name))
                .length(*length)
                .build();
            self = self.value(name, function);
        }
        self
    }

    /// Adds a native class `C`, exported under `C::NAME` and registered in the realm.
    pub fn class<C: Class>(self, context: &mut Context) -> JsResult<Self> {
        let constructor = register_class::<C>(context)?;
        Ok(self.value(C::NAME, constructor))
    }

    /// The exports as a plain object (used for the `net`/`http` convenience globals).
    pub fn to_object(&self, context: &mut Context) -> JsResult<JsObject> {
        let object = JsObject::with_null_proto();
        for (name, value) in &self.0 {
            object.set(name.clone(), value.clone(), false, context)?;
        }
        Ok(object)
    }

    /// Builds the synthetic module that exports everything added so far.
    pub fn into_module(self, context: &mut Context) -> Module {
        let names: Vec<JsString> = self.0.iter().map(|(n, _)| n.clone()).collect();
        let values: Vec<(JsString, JsValue)> = self.0;
        Module::synthetic(
            &names,
            SyntheticModuleInitializer::from_copy_closure_with_captures(
                |module, values: &Vec<(JsString, JsValue)>, _context| {
                    for (name, value) in values {
                        module.set_export(name, value.clone())?;
                    }
                    Ok(())
                },
                values,
            ),
            None,
            None,
            context,
        )
    }
}

/// Builds class `C`, registers it in the current realm and returns its constructor.
///
/// Registering matters: `C::from_data` (creating instances from Rust) looks the prototype up in the
/// realm, and `SyntheticModule::export_class` alone does not register it.
pub fn register_class<C: Class>(context: &mut Context) -> JsResult<JsObject> {
    if let Some(existing) = context.realm().get_class::<C>() {
        return Ok(existing.constructor());
    }
    let mut builder = ClassBuilder::new::<C>(context);
    C::init(&mut builder)?;
    let class = builder.build();
    let constructor = class.constructor();
    context.realm().register_class::<C>(class);
    Ok(constructor)
}
