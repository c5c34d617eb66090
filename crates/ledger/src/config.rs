//! The legal deadlines the checks hold rows to and the 口径 (bases) of the
//! rates practice does not fix, from `config/ledger.toml` (embedded) or a
//! unit's own copy.

use serde::Deserialize;

const DEFAULT: &str = include_str!("../../../config/ledger.toml");

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub deadlines: Deadlines,
    pub basis: Basis,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub filing_days: i64,
    pub comment_period_days: i64,
    pub reconsideration_days: i64,
    pub reconsideration_extension_days: i64,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    pub correction_rate: CorrectionBasis,
    pub appearance_denominator: AppearanceDenominator,
    pub appearance_counts: AppearanceCounts,
}

/// The denominator of 纠错率.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum CorrectionBasis {
    #[serde(rename = "审结案件")]
    Closed,
    /// Closed cases less those ended by 调解, 和解 or 终止.
    #[serde(rename = "实体审理案件")]
    Decided,
}

/// The denominator of 出庭应诉率.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum AppearanceDenominator {
    #[serde(rename = "开庭审理案件")]
    Heard,
    #[serde(rename = "全部应诉案件")]
    All,
}

/// Whose appearance counts toward 出庭应诉率.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum AppearanceCounts {
    #[serde(rename = "正职或副职")]
    PrincipalOrDeputy,
    #[serde(rename = "正职")]
    Principal,
}

/// A configuration file that cannot be used, in Chinese.
#[derive(Debug, thiserror::Error)]
#[error("台账配置文件有误：{0}")]
pub struct ConfigError(String);

impl Config {
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        let d = &config.deadlines;
        let days = [
            d.filing_days,
            d.comment_period_days,
            d.reconsideration_days,
            d.reconsideration_extension_days,
        ];
        if days.iter().any(|&n| !(0..=3650).contains(&n)) {
            return Err(ConfigError("期限天数应在0至3650之间".to_owned()));
        }
        Ok(config)
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::parse(DEFAULT).expect("the embedded config/ledger.toml is valid")
    }
}

impl CorrectionBasis {
    /// How the draft names the formula it used.
    pub fn describe(self) -> &'static str {
        match self {
            CorrectionBasis::Closed => "纠错案件数占审结案件数的比例",
            CorrectionBasis::Decided => "纠错案件数占作出实体决定案件数的比例",
        }
    }
}

impl Basis {
    /// How the draft names the formula of 出庭应诉率.
    pub fn describe_appearance(&self) -> String {
        let who = match self.appearance_counts {
            AppearanceCounts::PrincipalOrDeputy => "正职或副职负责人出庭",
            AppearanceCounts::Principal => "正职负责人出庭",
        };
        let of = match self.appearance_denominator {
            AppearanceDenominator::Heard => "开庭审理案件",
            AppearanceDenominator::All => "全部应诉案件",
        };
        format!("{who}案件数占{of}数的比例")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_config_reads() {
        let config = Config::default();
        assert_eq!(config.deadlines.filing_days, 30);
        assert_eq!(config.basis.correction_rate, CorrectionBasis::Closed);
    }

    #[test]
    fn an_unknown_basis_is_refused_in_chinese() {
        let text = DEFAULT.replace(
            "correction_rate = \"审结案件\"",
            "correction_rate = \"全部\"",
        );
        let error = Config::parse(&text).unwrap_err().to_string();
        assert!(error.starts_with("台账配置文件有误"), "{error}");
    }

    #[test]
    fn a_negative_deadline_is_refused() {
        let text = DEFAULT.replace("filing_days = 30", "filing_days = -1");
        assert!(Config::parse(&text).is_err());
    }
}
