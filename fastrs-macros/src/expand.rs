//! The one helper every macro entry point goes through.

use proc_macro2::TokenStream;

/// Turns an expansion's error into `compile_error!`, and prints the expansion when
/// `FASTRS_MACROS_DEBUG` is set.
pub(crate) fn run(result: syn::Result<TokenStream>) -> proc_macro::TokenStream {
    let tokens = result.unwrap_or_else(syn::Error::into_compile_error);
    if std::env::var_os("FASTRS_MACROS_DEBUG").is_some() {
        match syn::parse2::<syn::File>(tokens.clone()) {
            Ok(file) => eprintln!("{}", prettyprint(&file)),
            Err(_) => eprintln!("{tokens}"),
        }
    }
    tokens.into()
}

pub(crate) fn prettyprint(file: &syn::File) -> String {
    prettyplease::unparse(file)
}
