//! Catalog: the indicator catalog (`catalog/indicators.toml`), loaded once.
// (to be written)
pub struct Catalog {
    pub indicators: Vec<Indicator>,
}

pub struct Indicator {
    pub id: String,
}

impl Catalog {
    pub fn builtin() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| Catalog { indicators: Vec::new() })
    }
}
