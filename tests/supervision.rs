//! Supervision cadence through the public API.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peer_support::{
    Engine, Evidence, InputProblem, KindStatus, ModelId, NaiveDate, Policy, Session, Span,
    SupervisionKind, SupervisionLog,
};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn log(start: &str, sessions: &[(&str, &str)]) -> SupervisionLog {
    SupervisionLog {
        start: day(start),
        sessions: sessions
            .iter()
            .map(|(d, kind)| Session {
                date: day(d),
                kind: SupervisionKind::from(*kind),
            })
            .collect(),
    }
}

fn status(engine: &Engine, log: &SupervisionLog, as_of: &str, kind: &str) -> KindStatus {
    engine
        .supervision(log, day(as_of))
        .unwrap()
        .into_iter()
        .find(|s| s.kind.as_str() == kind)
        .unwrap()
}

const LINE: &str = "line_or_clinical";
const PEERS: &str = "peer_to_peer";

#[test]
fn a_monthly_cadence_worked_by_hand() {
    // RKC's line supervision: monthly (the project's default).
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let log = log("2026-01-01", &[("2026-01-20", LINE), ("2026-03-10", LINE)]);
    let s = status(&engine, &log, "2026-05-01", LINE);
    assert_eq!(s.last_session, Some(day("2026-03-10")));
    assert_eq!(s.next_due, day("2026-04-10"));
    assert_eq!(s.days_overdue, 21);
    assert_eq!(s.longest_gap_days, 52); // 10 March to 1 May
    assert_eq!(s.interval, peer_support::Span::months(1));
    // 120 days from 2 January to 1 May. Due 1 February: the session of
    // 20 January is on time. Due 20 February: 10 March is 18 days late.
    // Due 10 April: 21 days overdue by 1 May.
    assert_eq!((s.window_days, s.overdue_days), (120, 39));
    assert_eq!(s.compliance, Some(81.0 / 120.0));
    assert!(s.cadence_source.en.contains("the sources give no interval"));
}

#[test]
fn a_session_on_its_due_date_is_on_time() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let on_time = log("2026-01-01", &[("2026-02-01", LINE)]);
    let s = status(&engine, &on_time, "2026-02-01", LINE);
    assert_eq!(s.days_overdue, 0);
    assert_eq!(s.compliance, Some(1.0));
    let none = log("2026-01-01", &[]);
    let s = status(&engine, &none, "2026-02-02", LINE);
    assert_eq!(s.days_overdue, 1);
    // One day of 32 overdue.
    assert_eq!(s.compliance, Some(31.0 / 32.0));
}

#[test]
fn a_gap_longer_than_the_interval_lowers_compliance_by_its_excess() {
    // A monthly cadence from 1 January: sessions on 30 January and then
    // 7 March, 36 days later: due 28 February (a month after 30 January),
    // so 7 days overdue (1 to 7 March). As of 31 March: 89 days.
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let late = log("2026-01-01", &[("2026-01-30", LINE), ("2026-03-07", LINE)]);
    let s = status(&engine, &late, "2026-03-31", LINE);
    assert_eq!((s.window_days, s.overdue_days), (89, 7));
    assert_eq!(s.days_overdue, 0);
    assert_eq!(s.compliance, Some(82.0 / 89.0));
    // A supporter overdue on the "as of" date: due 7 April, as of 17 April.
    let s = status(&engine, &late, "2026-04-17", LINE);
    assert_eq!((s.days_overdue, s.overdue_days), (10, 17));
    assert!(s.is_overdue());
}

#[test]
fn one_kind_never_satisfies_another() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let peers_only = log(
        "2026-01-01",
        &[("2026-01-15", PEERS), ("2026-02-10", PEERS)],
    );
    let line = status(&engine, &peers_only, "2026-03-01", LINE);
    assert_eq!(line.last_session, None);
    assert_eq!(line.days_overdue, 28);
    let peer = status(&engine, &peers_only, "2026-03-01", PEERS);
    assert_eq!(peer.days_overdue, 0);
}

#[test]
fn each_model_requires_its_own_kinds() {
    let kinds = |m| {
        Engine::builtin(m)
            .unwrap()
            .supervision_rules()
            .iter()
            .map(|r| r.kind.clone())
            .collect::<Vec<_>>()
    };
    // NSPH's regional peer group is a collegial home, not supervision
    // (000…:44-49): a readiness item, with no cadence of the model's.
    assert_eq!(
        kinds(ModelId::Nsph),
        [SupervisionKind::from("experience_based")]
    );
    assert_eq!(kinds(ModelId::Rkc), [LINE.into(), PEERS.into()]);
    assert_eq!(kinds(ModelId::SkaneMentor), [LINE.into()]);
}

#[test]
fn duplicates_on_one_date_count_once() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let once = log("2026-01-01", &[("2026-01-20", LINE)]);
    let twice = log("2026-01-01", &[("2026-01-20", LINE), ("2026-01-20", LINE)]);
    assert_eq!(
        engine.supervision(&once, day("2026-06-01")).unwrap(),
        engine.supervision(&twice, day("2026-06-01")).unwrap()
    );
}

#[test]
fn sessions_outside_start_and_as_of_are_refused_by_position() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let early = log("2026-01-01", &[("2026-01-20", LINE), ("2025-12-31", PEERS)]);
    let err = engine.supervision(&early, day("2026-06-01")).unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("sessions[1].date", InputProblem::BeforeStart)
    );
    let late = log("2026-01-01", &[("2026-07-01", LINE)]);
    let err = engine.supervision(&late, day("2026-06-01")).unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("sessions[0].date", InputProblem::AfterAsOf)
    );
    let err = engine
        .supervision(&log("2026-07-01", &[]), day("2026-06-01"))
        .unwrap_err();
    assert_eq!(err.path, "start");
}

#[test]
fn texas_supervision_is_weekly_until_the_two_year_certification_then_monthly() {
    // 1 TAC §354.3103(b): "at least once weekly for a peer specialist with
    // an initial certification; at least once monthly for a peer specialist
    // with a two-year certification".
    let path = format!(
        "{}/../examples/policies/texas_mhps.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let engine = Engine::new(Policy::from_file(path).unwrap());
    const TEXAS: &str = "texas_peer_specialist_supervision";
    let status_with = |log: &SupervisionLog, evidence: &[Evidence], as_of: &str| {
        engine
            .supervision_with_evidence(log, evidence, day(as_of))
            .unwrap()
            .into_iter()
            .find(|s| s.kind.as_str() == TEXAS)
            .unwrap()
    };
    let late = log("2026-01-01", &[("2026-06-28", TEXAS)]);
    // No two-year certification reported: still weekly after six months.
    let s = status_with(&late, &[], "2026-07-10");
    assert_eq!(s.interval, Span::days(7));
    assert_eq!((s.next_due, s.days_overdue), (day("2026-07-05"), 5));
    // Granted on 15 May: monthly from that day.
    let granted = [Evidence::present(
        "texas_two_year_certification",
        day("2026-05-15"),
    )];
    let s = status_with(&late, &granted, "2026-07-10");
    assert_eq!(s.interval, Span::months(1));
    assert_eq!((s.next_due, s.days_overdue), (day("2026-07-28"), 0));
    // Weekly before the grant: a session on 10 May is due by 17 May, but the
    // weekly phase ends on 15 May, so the monthly interval runs from it.
    let before = log("2026-01-01", &[("2026-05-10", TEXAS)]);
    let s = status_with(&before, &granted, "2026-05-20");
    assert_eq!((s.next_due, s.days_overdue), (day("2026-06-10"), 0));
    assert_eq!(s.interval, Span::months(1));
    // A grant later reported withdrawn: weekly again.
    let withdrawn = [
        granted[0].clone(),
        Evidence::absent("texas_two_year_certification", day("2026-06-01")),
    ];
    assert_eq!(
        status_with(&late, &withdrawn, "2026-07-10").interval,
        Span::days(7)
    );
    // The evidence is checked as for certification.
    let future = [Evidence::present(
        "texas_two_year_certification",
        day("2026-08-01"),
    )];
    let err = engine
        .supervision_with_evidence(&late, &future, day("2026-07-10"))
        .unwrap_err();
    assert_eq!(err.path, "evidence[0].date");
}

#[test]
fn a_unit_declares_its_own_kind_of_supervision() {
    // Group supervision, as a Västra Götaland ward had it (000:3259-3261).
    let unit = r#"{"schema_version": 3, "id": "u", "extends": "nsph",
        "supervision_kinds": [{"id": "u.group", "label": {"sv": "grupphandledning", "en": "group supervision"}}],
        "cadences": [{"kind": "u.group", "cadence": [{"every": {"months": 2}}],
          "citation": {"source": "rutin.pdf", "line": 4, "quote": "grupphandledning varannan månad"}}]}"#;
    let engine = Engine::new(Policy::from_json(unit).unwrap());
    let s = status(
        &engine,
        &log("2026-01-01", &[("2026-02-01", "u.group")]),
        "2026-05-01",
        "u.group",
    );
    assert_eq!(s.label.en, "group supervision");
    assert_eq!((s.next_due, s.days_overdue), (day("2026-04-01"), 30));
    assert_eq!(
        engine
            .supervision_kind_label(&SupervisionKind::from("u.group"))
            .sv,
        "grupphandledning"
    );
    // An undeclared kind: in a session, an input error by position; in a
    // policy, a load error.
    let err = engine
        .supervision(
            &log("2026-01-01", &[("2026-02-01", "u.other")]),
            day("2026-05-01"),
        )
        .unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("sessions[0].kind", InputProblem::UnknownSupervisionKind)
    );
    let undeclared = unit.replace(r#""kind": "u.group""#, r#""kind": "u.other""#);
    let err = Policy::from_json(&undeclared).unwrap_err();
    assert_eq!(err.path(), Some("cadences[0].kind"));
}

#[test]
fn a_unit_may_set_its_own_cadence() {
    let unit = r#"{"schema_version": 3, "id": "u", "extends": "rkc", "supervision": [
        {"id": "u.line", "kind": "line_or_clinical", "cadence": [{"every": {"days": 14}}],
         "cadence_source": {"sv": "Enhetens rutin", "en": "The unit's routine"},
         "citation": {"source": "rutin.pdf", "line": 2, "quote": "varannan vecka"},
         "message": {"sv": "Handledning varannan vecka.", "en": "Supervision every other week."}}]}"#;
    let engine = Engine::new(Policy::from_json(unit).unwrap());
    let s = status(&engine, &log("2026-01-01", &[]), "2026-01-20", LINE);
    assert_eq!(
        (s.rule_id.as_str(), s.next_due),
        ("u.line", day("2026-01-15"))
    );
    assert_eq!(s.days_overdue, 5);
    assert_eq!(
        engine.supervision_rules().len(),
        2,
        "the peer kind keeps the model's rule"
    );

    let bad = unit.replace(
        r#"[{"every": {"days": 14}}]"#,
        r#"[{"from": {"days": 3}, "every": {"days": 14}}]"#,
    );
    let err = Policy::from_json(&bad).unwrap_err();
    assert_eq!(err.path(), Some("supervision[0].cadence[0].from"));
    let bad = unit.replace(r#"{"days": 14}"#, r#"{"days": 0}"#);
    assert_eq!(
        Policy::from_json(&bad).unwrap_err().path(),
        Some("supervision[0].cadence[0].every")
    );
}

#[test]
fn a_session_on_its_due_date_is_on_time_and_a_day_later_is_overdue() {
    // RKC's line supervision is due a month after the start date.
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let empty = log("2026-01-01", &[]);
    let on_the_day = status(&engine, &empty, "2026-02-01", LINE);
    assert_eq!(on_the_day.next_due, day("2026-02-01"));
    assert_eq!(on_the_day.days_overdue, 0);
    assert!(!on_the_day.is_overdue());
    let day_after = status(&engine, &empty, "2026-02-02", LINE);
    assert_eq!(day_after.days_overdue, 1);
    assert!(day_after.is_overdue());
    // On the due date nothing is overdue yet; the day after, one day is.
    assert_eq!((on_the_day.window_days, on_the_day.overdue_days), (31, 0));
    assert_eq!(on_the_day.compliance, Some(1.0));
    assert_eq!((day_after.window_days, day_after.overdue_days), (32, 1));
    assert_eq!(day_after.compliance, Some(31.0 / 32.0));
    // A session on the start date changes nothing: due a month after.
    let at_start = log("2026-01-01", &[("2026-01-01", LINE)]);
    let s = status(&engine, &at_start, "2026-02-01", LINE);
    assert_eq!((s.window_days, s.overdue_days), (31, 0));
    assert_eq!(s.next_due, day("2026-02-01"));
}

#[test]
fn kind_ids_are_the_json_names() {
    for kind in ["experience_based", "regional_peer_group", LINE, PEERS].map(SupervisionKind::from)
    {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.as_str()));
    }
    assert_eq!(
        SupervisionKind::from("peer_to_peer").as_str(),
        "peer_to_peer"
    );
}

#[test]
fn a_log_may_start_on_the_as_of_date_but_not_after_it() {
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let today = log("2026-03-01", &[("2026-03-01", LINE)]);
    let s = status(&engine, &today, "2026-03-01", LINE);
    // An empty window: nothing overdue, and no compliance yet.
    assert_eq!((s.window_days, s.overdue_days, s.days_overdue), (0, 0, 0));
    assert_eq!(s.compliance, None);
    let err = engine
        .supervision(&log("2026-03-02", &[]), day("2026-03-01"))
        .unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.problem),
        ("start", InputProblem::AfterAsOf)
    );
}

#[test]
fn a_cadence_may_have_up_to_sixteen_phases() {
    let unit = |phases: usize| {
        let cadence: Vec<String> = (0..phases)
            .map(|i| {
                format!(
                    r#"{{"from": {{"days": {}}}, "every": {{"days": 7}}}}"#,
                    i * 10
                )
            })
            .collect();
        format!(
            r#"{{"schema_version": 3, "id": "u", "extends": "rkc", "supervision": [{{
                "id": "u.sup", "kind": "peer_to_peer", "cadence": [{}],
                "cadence_source": {{"sv": "s", "en": "s"}},
                "citation": {{"source": "s", "line": 1, "quote": "q"}},
                "message": {{"sv": "m", "en": "m"}}}}]}}"#,
            cadence.join(",")
        )
    };
    assert_eq!(peer_support::limits::MAX_PHASES, 16);
    assert!(Policy::from_json(&unit(16)).is_ok());
    let err = Policy::from_json(&unit(17)).unwrap_err();
    assert_eq!(err.path(), Some("supervision[0].cadence"));
}

#[test]
fn a_rolling_window_counts_only_its_own_days() {
    // Monthly from 1 January 2026; sessions 20 January and 10 March; as of
    // 1 May. The whole log: 120 days, 39 overdue (18 in February and March,
    // 21 in April). The last 2 months: 2 March to 1 May, 61 days; of the
    // 18 overdue days 21 February - 10 March, only 2-10 March (9) fall in
    // it, and the 21 of April: 30 overdue.
    let policy = peer_support::Policy::from_json(
        r#"{"schema_version": 3, "id": "u", "extends": "rkc", "parameters": [
            {"id": "supervision.window_months", "value": 2,
             "citation": {"source": "rutin.pdf", "line": 1, "quote": "q"}}]}"#,
    )
    .unwrap();
    let engine = Engine::new(policy);
    let l = log("2026-01-01", &[("2026-01-20", LINE), ("2026-03-10", LINE)]);
    let s = status(&engine, &l, "2026-05-01", LINE);
    assert_eq!(s.window_from, day("2026-03-02"));
    assert_eq!((s.window_days, s.overdue_days), (61, 30));
    assert_eq!(s.compliance, Some(31.0 / 61.0));
    // The next due date still comes from the whole log.
    assert_eq!(s.next_due, day("2026-04-10"));
    // A window longer than the log counts the whole log.
    let whole = status(
        &Engine::builtin(ModelId::Rkc).unwrap(),
        &l,
        "2026-05-01",
        LINE,
    );
    assert_eq!(
        (whole.window_from, whole.window_days, whole.overdue_days),
        (day("2026-01-02"), 120, 39)
    );
}

#[test]
fn a_unit_sets_a_cadence_in_the_light_form() {
    let policy = |cadences: &str| {
        peer_support::Policy::from_json(&format!(
            r#"{{"schema_version": 3, "id": "u", "extends": "rkc", "cadences": {cadences}}}"#
        ))
    };
    let citation =
        r#""citation": {"source": "Enhetens rutin", "line": 3, "quote": "var fjortonde dag"}"#;
    let engine = Engine::new(
        policy(&format!(
            r#"[{{"kind": "line_or_clinical", "cadence": [{{"every": {{"days": 14}}}}], {citation}}},
               {{"kind": "experience_based", "cadence": [{{"every": {{"months": 2}}}}], {citation}}}]"#
        ))
        .unwrap(),
    );
    let rules = engine.supervision_rules();
    // The model's rule keeps its id and source; the cadence is the unit's.
    let line = rules.iter().find(|r| r.kind.as_str() == LINE).unwrap();
    assert_eq!(line.id, "rkc.supervision.line");
    assert_eq!(line.cadence[0].every, peer_support::Span::days(14));
    assert!(
        line.cadence_source
            .sv
            .starts_with("enhetens policy, Enhetens rutin, rad 3"),
        "{}",
        line.cadence_source.sv
    );
    // A kind the model does not require becomes the unit's requirement.
    let own = rules
        .iter()
        .find(|r| r.kind == SupervisionKind::from("experience_based"))
        .unwrap();
    assert_eq!(own.id, "unit.cadence.experience_based");
    assert!(own.message.en.contains("The unit's policy requires"));
    let l = log("2026-01-01", &[]);
    let s = status(&engine, &l, "2026-01-16", LINE);
    assert_eq!((s.next_due, s.days_overdue), (day("2026-01-15"), 1));
    // One rule or cadence per kind; a cadence is checked like a rule's.
    for (cadences, path) in [
        (
            format!(r#"[{{"kind": "peer_to_peer", "cadence": [{{"every": {{"days": 7}}}}], {citation}}},
                        {{"kind": "peer_to_peer", "cadence": [{{"every": {{"days": 7}}}}], {citation}}}]"#),
            "cadences[1].kind",
        ),
        (
            format!(r#"[{{"kind": "peer_to_peer", "cadence": [{{"every": {{"days": 0}}}}], {citation}}}]"#),
            "cadences[0].cadence[0].every",
        ),
        (
            r#"[{"kind": "peer_to_peer", "cadence": [{"every": {"days": 7}}], "citation": {"source": "", "line": 3, "quote": "q"}}]"#.to_owned(),
            "cadences[0].citation.source",
        ),
    ] {
        let err = policy(&cadences).unwrap_err();
        assert_eq!(err.path(), Some(path), "{err}");
    }
}

#[test]
fn the_worked_example_of_the_module_docs_holds() {
    // core/src/supervision.rs: monthly from 1 January 2026, sessions on
    // 20 January and 10 March, as of 31 March: 89 days, 18 overdue.
    let engine = Engine::builtin(ModelId::Rkc).unwrap();
    let l = log("2026-01-01", &[("2026-01-20", LINE), ("2026-03-10", LINE)]);
    let s = status(&engine, &l, "2026-03-31", LINE);
    assert_eq!((s.window_days, s.overdue_days, s.days_overdue), (89, 18, 0));
    assert_eq!(s.next_due, day("2026-04-10"));
    assert_eq!(s.compliance, Some(71.0 / 89.0));
}

#[test]
fn a_phase_from_an_event_comes_after_the_phases_from_the_start() {
    let unit = |cadence: &str| {
        format!(
            r#"{{"schema_version": 3, "id": "u", "extends": "rkc", "cadences": [
              {{"kind": "line_or_clinical", "cadence": {cadence},
               "citation": {{"source": "rutin.pdf", "line": 1, "quote": "q"}}}}]}}"#
        )
    };
    let event = r#"{"from_evidence": "nsph_training_approved", "every": {"months": 1}}"#;
    let later = r#"{"from": {"months": 6}, "every": {"months": 2}}"#;
    let weekly = r#"{"every": {"days": 7}}"#;
    assert!(Policy::from_json(&unit(&format!("[{weekly}, {later}, {event}]"))).is_ok());
    let err = Policy::from_json(&unit(&format!("[{weekly}, {event}, {later}]"))).unwrap_err();
    assert_eq!(err.path(), Some("cadences[0].cadence[2].from"));
    let err = Policy::from_json(&unit(&format!("[{event}]"))).unwrap_err();
    assert_eq!(err.path(), Some("cadences[0].cadence[0].from_evidence"));
    let unknown = event.replace("nsph_training_approved", "u.unknown");
    let err = Policy::from_json(&unit(&format!("[{weekly}, {unknown}]"))).unwrap_err();
    assert_eq!(err.path(), Some("cadences[0].cadence[1].from_evidence"));
}
