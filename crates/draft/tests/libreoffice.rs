//! The DOCX as a word processor lays it out: LibreOffice converts a report of
//! several pages to PDF, and poppler reads back the page count and each page's
//! "— N —". Needs `libreoffice` (Debian: libreoffice-writer-nogui) and
//! poppler-utils; without them the test fails and says what to install.
//!
//! With FAZHI_UPDATE_DOCS=1 it also renders page 1 to docs/draft-first-page.png.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use fazhi_draft::{Block, Draft, HeadingLevel, Inline, Signature};

#[test]
fn libreoffice_sets_the_report_on_numbered_pages() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, fazhi_draft::to_docx(&sample())).unwrap();

    // A profile of its own, so that parallel runs do not wait on each other's lock.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let started = Instant::now();
    let outdir = dir.path().to_str().unwrap();
    let docx_path = docx.to_str().unwrap();
    run(
        "libreoffice",
        "libreoffice-writer-nogui",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            docx_path,
        ],
    );
    eprintln!(
        "LibreOffice converted the DOCX in {:.1?}",
        started.elapsed()
    );

    let pdf = dir.path().join("report.pdf");
    let pdf_path = pdf.to_str().unwrap();
    let info = run("pdfinfo", "poppler-utils", &[pdf_path]);
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .expect("pdfinfo gives a page count")
        .trim()
        .parse()
        .unwrap();
    eprintln!("the sample report takes {pages} pages");
    assert!(
        pages >= 3,
        "the sample should run over at least 3 pages, not {pages}"
    );

    let first = page_text(pdf_path, 1);
    assert!(
        first.contains("示例县2025年度法治政府建设年度报告"),
        "{first}"
    );
    assert!(first.contains("—1—"), "page 1 has no “— 1 —”: {first}");
    let second = page_text(pdf_path, 2);
    assert!(second.contains("—2—"), "page 2 has no “— 2 —”: {second}");

    if std::env::var("FAZHI_UPDATE_DOCS").as_deref() == Ok("1") {
        let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/draft-first-page");
        let png = png.to_str().unwrap();
        let args = [
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf_path,
            png,
        ];
        run("pdftoppm", "poppler-utils", &args);
    }
}

/// One page's text with all white space taken out: pdftotext spaces a centred
/// title or a page number as the layout happens to.
fn page_text(pdf: &str, page: usize) -> String {
    let page = page.to_string();
    let text = run(
        "pdftotext",
        "poppler-utils",
        &["-f", &page, "-l", &page, pdf, "-"],
    );
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Runs a program to success and returns what it printed; a missing program
/// fails the test with the Debian package that brings it.
fn run(program: &str, package: &str, args: &[&str]) -> String {
    let output = match Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is not installed: install the Debian package {package} \
             (apt-get install {package})"
        ),
        Err(error) => panic!("`{program}` could not be started: {error}"),
    };
    assert!(
        output.status.success(),
        "`{program} {}` failed: {}\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// An excerpt of a county report. 示例县 is fictional, and so are its figures.
fn sample() -> Draft {
    let mut blocks = Vec::new();
    for (heading, sections) in SAMPLE {
        blocks.push(heading_block(HeadingLevel::First, heading));
        for (subheading, paragraphs) in *sections {
            if !subheading.is_empty() {
                blocks.push(heading_block(HeadingLevel::Second, subheading));
            }
            blocks.extend(
                paragraphs
                    .iter()
                    .map(|text| Block::Paragraph(inlines(text))),
            );
        }
    }
    Draft {
        title: "示例县2025年度法治政府建设年度报告".to_owned(),
        blocks,
        signature: Signature {
            unit: "示例县人民政府".to_owned(),
            date: "2026年2月26日".to_owned(),
        },
    }
}

fn heading_block(level: HeadingLevel, text: &str) -> Block {
    Block::Heading {
        level,
        text: vec![Inline::Text(text.to_owned())],
    }
}

/// "…{what}…" marks a placeholder.
fn inlines(text: &str) -> Vec<Inline> {
    let mut inlines = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        let (what, after) = after.split_once('}').expect("a placeholder is closed");
        inlines.push(Inline::Text(before.to_owned()));
        inlines.push(Inline::Placeholder(what.to_owned()));
        rest = after;
    }
    inlines.push(Inline::Text(rest.to_owned()));
    inlines.retain(|inline| inline != &Inline::Text(String::new()));
    inlines
}

/// First-level headings, each with second-level sections ("" for none) of paragraphs.
type Outline = [(
    &'static str,
    &'static [(&'static str, &'static [&'static str])],
)];

const SAMPLE: &Outline = &[
    (
        "一、2025年推进法治政府建设的主要举措和成效",
        &[
            (
                "（一）加强党对法治政府建设的领导",
                &[
                    "2025年，示例县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，把法治政府建设纳入全县经济社会发展总体规划和年度工作要点。县委常委会会议、县政府常务会议全年专题研究法治政府建设工作12次，审议通过《示例县法治政府建设实施方案（2025—2027年）》，明确4个方面28项重点任务，逐项落实责任单位和完成时限。",
                    "县政府常务会议坚持会前学法制度，全年集体学法10次，内容涵盖行政复议法、安全生产法、保守国家秘密法等法律法规。组织全县1268名国家工作人员参加年度学法考试，参考率100%，合格率99.6%。",
                ],
            ),
            (
                "（二）依法全面履行政府职能",
                &[
                    "深化“放管服”改革，动态调整县级权责清单，全年取消、下放、调整行政许可事项17项，政务服务事项网上可办率达到98.5%，“一件事一次办”集成服务扩展至36项。全面推行证明事项告知承诺制，累计办理告知承诺事项4215件，减少群众提交材料1.2万余份。",
                    "优化法治化营商环境，开展妨碍统一市场和公平竞争的政策措施清理，审查涉及经营主体经济活动的政策措施46件，修改2件、废止1件。全县新增经营主体3860户，同比增长8.7%。",
                ],
            ),
            (
                "（三）健全依法行政制度体系",
                &[
                    "严格规范性文件制定和监督管理，全年审核县政府及部门行政规范性文件21件，全部按要求报送备案，备案审查率100%。开展行政规范性文件专项清理，废止8件、修改5件，清理结果向社会公布。",
                    "推进重大行政决策科学化、民主化、法治化，编制并公布年度重大行政决策事项目录，对{重大行政决策事项名称}等决策事项履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序，合法性审查率100%。",
                ],
            ),
            (
                "（四）严格规范公正文明执法",
                &[
                    "深化行政执法体制改革，整合组建乡镇综合行政执法队伍12支，全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度。全年办理行政处罚案件2317件，罚没款1086.4万元；开展“双随机、一公开”抽查527次，涉及检查对象3140户。",
                    "推行包容审慎监管，制定轻微违法行为免罚清单，对首次轻微违法且及时改正的412家经营主体依法不予处罚。组织行政执法人员专业法律知识培训6期，培训860人次。",
                ],
            ),
            (
                "（五）强化行政权力制约和监督",
                &[
                    "县政府主动接受人大监督和政协民主监督，全年办理人大代表建议128件、政协提案156件，办复率均为100%。自觉接受司法监督，行政机关负责人出庭应诉案件47件，出庭应诉率100%。",
                    "发挥行政复议化解行政争议主渠道作用，全年收到行政复议申请183件，受理171件，审结165件，其中撤销、确认违法、责令履行等纠错决定19件，纠错率11.5%。",
                ],
            ),
        ],
    ),
    (
        "二、2025年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        &[(
            "",
            &[
                "县政府主要负责人认真履行推进法治建设第一责任人职责，全年主持召开专题会议5次，研究解决法治政府建设重点难点问题9个，带头出庭应诉行政案件2件，带头开展述法。将法治建设纳入县直部门和乡镇年度绩效考核，权重提高至8%。",
            ],
        )],
    ),
    (
        "三、2025年推进法治政府建设存在的不足和原因",
        &[(
            "",
            &[
                "一是基层法治力量仍然薄弱，部分乡镇法制审核人员不足，专业化水平有待提高；二是行政执法规范化程度不够均衡，个别领域存在执法文书不规范、程序不严谨等问题；三是{存在不足的其他方面及原因分析}。",
            ],
        )],
    ),
    (
        "四、2026年推进法治政府建设的主要安排",
        &[(
            "",
            &[
                "2026年，示例县将深入贯彻落实法治政府建设实施纲要，持续提升依法行政能力和水平：一是健全依法决策机制，严格落实重大行政决策程序规定；二是深化行政执法规范化建设，开展行政执法质量评查，案卷合格率力争达到95%以上；三是加强法治宣传教育，推动“八五”普法规划圆满收官并谋划新一轮普法工作。",
            ],
        )],
    ),
];
