//! Every visible text, in zh-CN and en, and numbers the way each language
//! writes them. Pure Rust: the views and the engine (for exports) use it.
//!
//! Texts are declared with [`texts!`]: an enum per feature whose every
//! variant carries its Chinese and its English form, so a missing
//! translation does not compile. Sentences built from values name their
//! arguments (`Rows { n: String } => "{n} 行", "{n} rows";`). Domain errors
//! get one `message(lang)` each (`errors.rs`).

pub mod campaigns;
pub mod data;
pub mod errors;
pub mod format;
pub mod names;
pub mod panorama;
pub mod planner;
pub mod report;
pub mod segments;
pub mod shell;
pub mod value;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// zh for any Chinese browser language, en otherwise.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language (the header's switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// Something with a text in each language.
pub trait Text {
    fn text(&self, lang: Lang) -> String;
}

/// Declares an enum of texts. Each variant gives its zh and its en form;
/// fields are the named arguments the forms interpolate.
#[macro_export]
macro_rules! texts {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $( $(#[$vmeta:meta])* $variant:ident $({ $($field:ident : $ty:ty),+ $(,)? })? => $zh:literal , $en:literal ; )*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name { $( $(#[$vmeta])* $variant $({ $($field: $ty),+ })?, )* }

        impl $crate::i18n::Text for $name {
            #[allow(unused_variables)]
            fn text(&self, lang: $crate::i18n::Lang) -> String {
                match self {
                    $( $name::$variant $({ $($field),+ })? => match lang {
                        $crate::i18n::Lang::Zh => format!($zh),
                        $crate::i18n::Lang::En => format!($en),
                    }, )*
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    texts! {
        enum Sample {
            Plain => "客户", "Customers";
            Count { n: u64 } => "{n} 位客户", "{n} customers";
        }
    }

    #[test]
    fn texts_interpolate_named_arguments() {
        assert_eq!(Sample::Plain.text(Lang::Zh), "客户");
        assert_eq!(Sample::Count { n: 3 }.text(Lang::En), "3 customers");
        assert_eq!(Sample::Count { n: 3 }.text(Lang::Zh), "3 位客户");
    }

    #[test]
    fn browser_language_picks_the_default() {
        assert_eq!(Lang::from_browser("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_browser("en-US"), Lang::En);
        assert_eq!(Lang::from_browser("de"), Lang::En);
        assert_eq!(Lang::parse(Lang::Zh.tag()), Some(Lang::Zh));
        assert_eq!(Lang::Zh.other(), Lang::En);
    }
}
