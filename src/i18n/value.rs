//! Texts of the Customer value view (DOMAIN §9) and the value figures the
//! other views show: models, their parameters in words, the validation,
//! the P(alive) matrix, CLV, and why no model can be fitted.

use crate::domain::value::score::ValueProblem;
use crate::domain::value::spend::SpendError;
use crate::domain::value::validate::{AutoReason, ModelChoice, ValidationError};
use crate::domain::value::visits::{FitProblem, ModelKind, Param, VisitParams};
use crate::i18n::{format, Lang, Text};

crate::texts! {
    pub enum ValueText {
        Title => "客户价值：每位客户值多少、是否还在", "Customer value: what each customer is worth, and whether they are still there";
        Intro => "用概率模型估计每位客户仍然活跃的概率 P(alive)、未来到店次数和 12 个月客户价值（CLV），模型在您自己的数据上用留出期检验。",
            "Probabilistic models estimate each customer's chance of still being a customer (P(alive)), their future visits and 12-month value (CLV); the models are checked on your own data with a held-out period.";
        Model => "模型", "Model";
        Auto => "自动（留出期检验最好的模型）", "Auto (the best on the held-out period)";
        Cut => "留出期起点（检验用）", "Held-out period starts";
        CutHint => "默认为基准日前 365 天：模型只用此前的到店拟合，再预测此后的到店并与实际对比。",
            "By default 365 days before the as-of date: models are fitted on the visits before it and predict the visits after it, which are compared with what happened.";
        InUse { model: String } => "使用中的模型：{model}", "Model in use: {model}";
        Chosen => "由您选择。", "Chosen by you.";
        AutoWhy { model: String, error: String, runner: String, runner_error: String } =>
            "自动选择 {model}：它在留出期的预测误差最小（{error}；次优的 {runner} 为 {runner_error}）。误差 = 各回访次数组与各未到店天数组的|预测 − 实际|之和 ÷ 实际回访总数的两倍。",
            "Auto chose {model}: it has the lowest error on the held-out period ({error}; next best {runner} at {runner_error}). Error = the sum of |predicted − actual| over the repeat-visit and recency groups ÷ twice the actual visits.";
        AutoAlone { model: String, error: String } => "自动选择 {model}（留出期误差 {error}）。", "Auto chose {model} (held-out error {error}).";
        PassedOver { models: String } => "未选：{models}——它们的拟合有问题（见下表）。", "Passed over: {models}, whose fits have problems (see the table).";
        SimplerKept => "更复杂的模型没有明显更好，保留了较简单的模型。", "A more complex model was not clearly better, so the simpler one is kept.";
        ParamsTitle => "模型说了什么", "What the model says";
        Rate { days: String } => "活跃客户平均每 {days} 天到店一次。", "An active customer visits about every {days} days.";
        Regular { k: u32 } => "到店间隔很有规律（k = {k}）：像定期保养一样。", "Visits are regular (k = {k}): like scheduled servicing.";
        Random => "到店间隔是随机的（k = 1，泊松过程）。", "Visits come at random (k = 1, a Poisson process).";
        Dropout { p: String } => "每次到店后平均有 {p} 的客户不再回来。", "After each visit, {p} of customers on average do not come back.";
        DropoutFirst => "客户也可能在第一次到店后就流失。", "Customers may also drop out right after their first visit.";
        Spend { mean: String } => "每次到店的平均消费（总体）：{mean}。", "Mean spend per visit (population): {mean}.";
        SpendNone => "消费模型没有有限的平均值：无法估计每次到店的消费，CLV 无数据。", "The spend model has no finite mean: spend per visit cannot be estimated, so CLV has no data.";
        Grid { days: String } => "客户很多：拟合时日期按 {days} 天取整（打分仍精确到天）。", "Many customers: the fit rounds dates to {days} days (scoring stays exact to the day).";
        Problems => "拟合提示", "Fit notes";
        Customers { n: String } => "{n} 位客户已打分", "{n} customers scored";
        ValidationTitle => "留出期检验：预测与实际到店", "Held-out check: predicted and actual visits";
        ValidationHint { cut: String, as_of: String } => "模型用 {cut} 及之前的到店拟合，预测 {cut} 之后到 {as_of} 的回访次数。",
            "Models fitted on visits up to {cut} predict the repeat visits from {cut} to {as_of}.";
        ColModel => "模型", "Model";
        ColPredicted => "预测", "Predicted";
        ColActual => "实际", "Actual";
        ColError => "误差", "Error";
        ColTotal => "总回访", "Total visits";
        ColCustomers => "客户数", "Customers";
        ByFrequency => "按留出期前的回访次数", "By repeat visits before the cut";
        ByRecency => "按留出期起点时未到店天数", "By days since the last visit at the cut";
        Tracking => "留出期累计回访：预测与实际", "Cumulative visits after the cut: predicted and actual";
        DaysAfterCut => "留出期起点后天数", "days after the cut";
        FitFlag => "拟合有问题", "fit flagged";
        MatrixTitle => "P(alive) 矩阵：回访次数 × 未到店天数", "P(alive) by repeat visits × days since the last visit";
        MatrixHint => "每格为该组客户的平均 P(alive)，括号内为客户数；颜色越深越可能仍是客户。",
            "Each cell is the group's mean P(alive), with its customers in brackets; darker means more likely still a customer.";
        RepeatVisits => "回访次数", "Repeat visits";
        DistTitle => "12 个月 CLV 分布", "Distribution of 12-month CLV";
        DistHint => "CLV = 未来 365 天预期到店次数 × 预期每次消费（不折现）。", "CLV = expected visits in the next 365 days × expected spend per visit (undiscounted).";
        Bin => "CLV 区间", "CLV range";
        BySegment => "各客户群的客户价值", "Value by segment";
        ByStage => "各阶段的客户价值", "Value by stage";
        MeanPAlive => "平均 P(alive)", "Mean P(alive)";
        MeanClv => "人均 12 个月 CLV", "Mean 12-month CLV";
        TotalClv => "12 个月 CLV 合计", "Total 12-month CLV";
        SlippingTitle => "正在流失的高价值客户", "Valuable customers slipping away";
        SlippingHint { days: u32, below: String } => "近 {days} 天没有到店、P(alive) 已降到 {below} 以下但仍有希望挽回的客户，按 12 个月 CLV 从高到低。",
            "Customers with no visit in {days} days whose P(alive) has fallen below {below} but who can still be won back, by 12-month CLV, highest first.";
        SlippingNone => "没有符合条件的客户。", "No customer fits.";
        ColCustomer => "客户", "Customer";
        ColPAlive => "P(alive)", "P(alive)";
        ColBefore => "90 天前", "90 days ago";
        ColClv => "12 个月 CLV", "12-month CLV";
        ColIfKept => "留住后一年价值", "A year's value if kept";
        ProbablyGone => "很可能已流失", "probably gone";
        Summary { gone: String, share: String, total: String } => "{gone} 位客户（{share}）很可能已流失（P(alive) < 5%）；全部客户未来 12 个月的预期价值合计 {total}。",
            "{gone} customers ({share}) are probably gone (P(alive) < 5%); all customers are expected to bring {total} in the next 12 months.";
        NoModel { why: String } => "无法拟合客户价值模型：{why}", "No customer-value model can be fitted: {why}";
        Computing => "正在拟合模型…", "Fitting the models…";
    }
}

/// A model's name.
pub fn model(lang: Lang, k: ModelKind) -> &'static str {
    match (lang, k) {
        (_, ModelKind::BgNbd) => "BG/NBD",
        (_, ModelKind::MbgNbd) => "MBG/NBD",
        (Lang::Zh, ModelKind::BgCnbd) => "BG/CNBD-k（规律到店）",
        (Lang::Zh, ModelKind::MbgCnbd) => "MBG/CNBD-k（规律到店）",
        (Lang::En, ModelKind::BgCnbd) => "BG/CNBD-k (regular visits)",
        (Lang::En, ModelKind::MbgCnbd) => "MBG/CNBD-k (regular visits)",
    }
}

pub fn choice(lang: Lang, c: ModelChoice) -> String {
    match c {
        ModelChoice::Auto => ValueText::Auto.text(lang),
        ModelChoice::Model(k) => model(lang, k).to_owned(),
    }
}

/// The fitted parameters in plain words.
pub fn params(lang: Lang, p: &VisitParams) -> Vec<String> {
    let mut out = Vec::new();
    // E[λ] = r/α visits per day while active; an Erlang-k gap lasts k/λ.
    if p.r > 0.0 {
        let days = f64::from(p.k) * p.alpha / p.r;
        out.push(
            ValueText::Rate {
                days: format!("{days:.0}"),
            }
            .text(lang),
        );
    }
    out.push(if p.k > 1 {
        ValueText::Regular { k: p.k }.text(lang)
    } else {
        ValueText::Random.text(lang)
    });
    if p.a + p.b > 0.0 {
        out.push(
            ValueText::Dropout {
                p: format::percent(p.a / (p.a + p.b)),
            }
            .text(lang),
        );
    }
    if p.dropout_at_zero {
        out.push(ValueText::DropoutFirst.text(lang));
    }
    out
}

/// Why auto chose its model, in one or two sentences.
pub fn auto_reason(lang: Lang, r: &AutoReason) -> String {
    let pct = |e: f64| format::percent(e);
    let mut s = match r.runner_up {
        Some((runner, e)) => ValueText::AutoWhy {
            model: model(lang, r.chosen).to_owned(),
            error: pct(r.chosen_error),
            runner: model(lang, runner).to_owned(),
            runner_error: pct(e),
        }
        .text(lang),
        None => ValueText::AutoAlone {
            model: model(lang, r.chosen).to_owned(),
            error: pct(r.chosen_error),
        }
        .text(lang),
    };
    if r.lowest != r.chosen {
        s.push(' ');
        s.push_str(&ValueText::SimplerKept.text(lang));
    }
    if !r.passed_over.is_empty() {
        let names: Vec<String> = r
            .passed_over
            .iter()
            .map(|m| model(lang, *m).to_owned())
            .collect();
        s.push(' ');
        s.push_str(
            &ValueText::PassedOver {
                models: format::list(&names, lang),
            }
            .text(lang),
        );
    }
    s
}

fn param_name(p: Param) -> &'static str {
    match p {
        Param::R => "r",
        Param::Alpha => "α",
        Param::A => "a",
        Param::B => "b",
        Param::P => "p",
        Param::Q => "q",
        Param::V => "v",
    }
}

impl FitProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, FitProblem::NoCustomers) => "没有可拟合的客户".into(),
            (Lang::En, FitProblem::NoCustomers) => "there are no customers to fit".into(),
            (Lang::Zh, FitProblem::NoRepeaters) => "没有客户回访过：无法区分到店频率和流失".into(),
            (Lang::En, FitProblem::NoRepeaters) => {
                "nobody came back: visit rate and dropout cannot be told apart".into()
            }
            (Lang::Zh, FitProblem::AllSameFrequency) => "所有客户的回访次数都一样".into(),
            (Lang::En, FitProblem::AllSameFrequency) => {
                "every customer has the same number of repeat visits".into()
            }
            (Lang::Zh, FitProblem::ParameterAtBound { param, .. }) => {
                format!(
                    "参数 {} 跑到了允许范围的边界：数据无法确定它",
                    param_name(*param)
                )
            }
            (Lang::En, FitProblem::ParameterAtBound { param, .. }) => format!(
                "parameter {} runs to the edge of its range: the data cannot determine it",
                param_name(*param)
            ),
            (Lang::Zh, FitProblem::NonFiniteLikelihood) => "似然函数不是有限值".into(),
            (Lang::En, FitProblem::NonFiniteLikelihood) => "the likelihood is not finite".into(),
            (Lang::Zh, FitProblem::NotConverged) => "优化没有完全收敛".into(),
            (Lang::En, FitProblem::NotConverged) => "the optimiser did not fully converge".into(),
            (Lang::Zh, FitProblem::SingularHessian { .. }) => {
                "有参数组合无法由数据确定（曲率接近奇异）".into()
            }
            (Lang::En, FitProblem::SingularHessian { .. }) => {
                "some parameter combination is not determined by the data (near-singular curvature)"
                    .into()
            }
            (Lang::Zh, FitProblem::NoPositiveSpend) => {
                "没有消费为正的回访客户：无法拟合消费模型".into()
            }
            (Lang::En, FitProblem::NoPositiveSpend) => {
                "no repeat customer with a positive spend: the spend model cannot be fitted".into()
            }
        }
    }
}

impl ValueProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, ValueProblem::TooFewRepeaters { repeaters, min }) => format!(
                "只有 {repeaters} 位客户有过回访，至少需要 {min} 位。"
            ),
            (Lang::En, ValueProblem::TooFewRepeaters { repeaters, min }) => format!(
                "only {repeaters} customers came back; a model needs at least {min}."
            ),
            (Lang::Zh, ValueProblem::Validation(ValidationError::CutNotBeforeAsOf)) => {
                "留出期的起点必须早于分析基准日。".into()
            }
            (Lang::En, ValueProblem::Validation(ValidationError::CutNotBeforeAsOf)) => {
                "the held-out period must start before the as-of date.".into()
            }
            (Lang::Zh, ValueProblem::Validation(ValidationError::NoCalibrationCustomers)) => {
                "留出期起点之前没有客户到店：请选择更晚的起点，或加载更长的历史。".into()
            }
            (Lang::En, ValueProblem::Validation(ValidationError::NoCalibrationCustomers)) => {
                "no customer visited before the held-out period: pick a later start, or load a longer history.".into()
            }
            (Lang::Zh, ValueProblem::Validation(ValidationError::CutNeedsVisits)) => {
                "客户汇总只带有基准日前一年的留出期：其他起点需要加载到店明细。".into()
            }
            (Lang::En, ValueProblem::Validation(ValidationError::CutNeedsVisits)) => {
                "a customer summary holds the held-out year before its as-of date only; another start needs the visits.".into()
            }
            (Lang::Zh, ValueProblem::Fit(p)) => format!("{}。", p.message(lang)),
            (Lang::En, ValueProblem::Fit(p)) => format!("{}.", p.message(lang)),
        }
    }
}

pub fn spend_error(lang: Lang, e: SpendError) -> String {
    match e {
        SpendError::NoFiniteMean => ValueText::SpendNone.text(lang),
    }
}
