//! The formulae every report shares, known in advance.
//!
//! Rarity across the corpus is the main test of boilerplate, but it needs a
//! corpus: among five reports a sentence all five share may be a formula or a
//! copy, and the counts cannot tell. The political formulae of these reports
//! are few and fixed by the centre, so they are listed here, and a shingle
//! lying wholly inside one of them is boilerplate whatever the corpus says.
//! Each entry is a phrase real reports use verbatim; only phrases longer than
//! a shingle have any effect.

use crate::fingerprint::shingle_hashes;
use crate::normalise::normalise;

const FORMULAE: &[&str] = &[
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "深入学习贯彻习近平新时代中国特色社会主义思想",
    "深入学习贯彻习近平法治思想",
    "全面贯彻党的二十大和二十届二中三中全会精神",
    "全面贯彻党的二十大和二十届二中全会精神",
    "全面贯彻落实党的二十大精神",
    "深入学习宣传贯彻党的二十大精神",
    "全面贯彻党的十九大和十九届历次全会精神",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "深刻领悟“两个确立”的决定性意义",
    "坚决维护党中央权威和集中统一领导",
    "认真贯彻落实中共中央、国务院印发的《法治政府建设实施纲要（2021－2025年）》",
    "党政主要负责人履行推进法治建设第一责任人职责",
    "统筹推进法治政府建设各项工作",
    "推进严格规范公正文明执法",
    "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度",
    "为全面建设社会主义现代化国家提供有力法治保障",
    "现将有关情况报告如下",
];

/// The hashes of every shingle lying wholly inside a formula, sorted.
pub(crate) fn formula_hashes(shingle: usize) -> Vec<u64> {
    let mut hashes = Vec::new();
    let mut units = Vec::new();
    for formula in FORMULAE {
        units.clear();
        normalise(formula, &(0..usize::MAX), |c, _| {
            units.extend_from_slice(c.encode_utf16(&mut [0; 2]))
        });
        if units.len() >= shingle {
            hashes.extend(shingle_hashes(&units, shingle));
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}
