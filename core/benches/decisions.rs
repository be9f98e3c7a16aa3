//! Benchmark: boundary decisions per second for a prepared engine over every
//! catalogue action, by id and by code, and heap allocations per decision
//! (counted with dhat's heap statistics, in a pass of its own after the timed
//! one). Run: `cargo bench -p peer-support --bench decisions`.
//!
//! For RKC it also measures the floor: a hand-written `match` over exactly
//! the catalogue's id strings, and a `match` from code to an enum of the same
//! actions and from that to the outcome, both driven over the same sequence
//! as the engine, and prints the engine's cost as a multiple of the floor's.
//! The timed passes are interleaved and repeated; the figures are each path's
//! fastest and median pass. The baselines are called out of line, as the
//! engine is.
//!
//! This measures and prints; it asserts nothing about speed.

use peer_support::{Engine, ModelId, Outcome};
use std::hint::black_box;
use std::time::Instant;

// dhat's allocator passes allocations through untouched unless a profiler is
// running; the profiler is started only for the counting passes.
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

type Error = Box<dyn std::error::Error>;

/// Outcomes as small integers, for the hand-written baselines.
const ALLOWED: u8 = 0;
const WITH_CONDITIONS: u8 = 1;
const FORBIDDEN: u8 = 2;
const NOT_ADDRESSED: u8 = 3;
const NOT_IN_CATALOGUE: u8 = 4;

fn small(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Allowed => ALLOWED,
        Outcome::AllowedWithConditions => WITH_CONDITIONS,
        Outcome::Forbidden => FORBIDDEN,
        Outcome::NotAddressed => NOT_ADDRESSED,
        Outcome::NotInCatalogue => NOT_IN_CATALOGUE,
    }
}

/// RKC's outcome for each id of `core/policies/catalogue.json`, written out.
/// Out of line, as the engine's `decide` is to this crate.
#[inline(never)]
fn baseline_by_id(id: &str) -> u8 {
    match id {
        "patient.everyday_and_future" => ALLOWED,
        "patient.treatment_advice" => FORBIDDEN,
        "patient.recovery_and_coherence" => ALLOWED,
        "patient.past_focused_therapy" => FORBIDDEN,
        "patient.motivational_support" => ALLOWED,
        "patient.peer_conversation" => ALLOWED,
        "patient.closing_conversation" => ALLOWED,
        "patient.case_manager_or_advocate" => NOT_ADDRESSED,
        "relatives.supportive_work" => ALLOWED,
        "relatives.go_between" => FORBIDDEN,
        "group.information_meeting" => ALLOWED,
        "outreach.information" => ALLOWED,
        "staff.complement_resource" => ALLOWED,
        "staff.perform_other_staff_tasks" => FORBIDDEN,
        "staff.joint_development" => ALLOWED,
        "staff.act_in_isolation" => FORBIDDEN,
        "staff.full_member" => NOT_ADDRESSED,
        "journal.write_note" => FORBIDDEN,
        "journal.record_participation" => ALLOWED,
        "journal.read_contact_details" => ALLOWED,
        "journal.book_colleague_time" => ALLOWED,
        "practical.occasional_task" => NOT_ADDRESSED,
        "practical.other_duties_displacing_role" => NOT_ADDRESSED,
        "disclosure.own_experience" => WITH_CONDITIONS,
        "availability.around_the_clock" => NOT_ADDRESSED,
        _ => NOT_IN_CATALOGUE,
    }
}

/// The catalogue's actions, by code.
#[derive(Debug, Clone, Copy)]
#[repr(u32)]
enum RkcAction {
    PatientEverydayAndFuture = 101,
    PatientTreatmentAdvice = 102,
    PatientRecoveryAndCoherence = 103,
    PatientPastFocusedTherapy = 104,
    PatientMotivationalSupport = 105,
    PatientPeerConversation = 106,
    PatientClosingConversation = 107,
    PatientCaseManagerOrAdvocate = 108,
    RelativesSupportiveWork = 201,
    RelativesGoBetween = 202,
    GroupInformationMeeting = 301,
    OutreachInformation = 401,
    StaffComplementResource = 501,
    StaffPerformOtherStaffTasks = 502,
    StaffJointDevelopment = 503,
    StaffActInIsolation = 504,
    StaffFullMember = 505,
    JournalWriteNote = 601,
    JournalRecordParticipation = 602,
    JournalReadContactDetails = 603,
    JournalBookColleagueTime = 604,
    PracticalOccasionalTask = 701,
    PracticalOtherDutiesDisplacingRole = 702,
    DisclosureOwnExperience = 801,
    AvailabilityAroundTheClock = 901,
}

impl RkcAction {
    #[inline(always)]
    fn from_code(code: u32) -> Option<RkcAction> {
        Some(match code {
            101 => RkcAction::PatientEverydayAndFuture,
            102 => RkcAction::PatientTreatmentAdvice,
            103 => RkcAction::PatientRecoveryAndCoherence,
            104 => RkcAction::PatientPastFocusedTherapy,
            105 => RkcAction::PatientMotivationalSupport,
            106 => RkcAction::PatientPeerConversation,
            107 => RkcAction::PatientClosingConversation,
            108 => RkcAction::PatientCaseManagerOrAdvocate,
            201 => RkcAction::RelativesSupportiveWork,
            202 => RkcAction::RelativesGoBetween,
            301 => RkcAction::GroupInformationMeeting,
            401 => RkcAction::OutreachInformation,
            501 => RkcAction::StaffComplementResource,
            502 => RkcAction::StaffPerformOtherStaffTasks,
            503 => RkcAction::StaffJointDevelopment,
            504 => RkcAction::StaffActInIsolation,
            505 => RkcAction::StaffFullMember,
            601 => RkcAction::JournalWriteNote,
            602 => RkcAction::JournalRecordParticipation,
            603 => RkcAction::JournalReadContactDetails,
            604 => RkcAction::JournalBookColleagueTime,
            701 => RkcAction::PracticalOccasionalTask,
            702 => RkcAction::PracticalOtherDutiesDisplacingRole,
            801 => RkcAction::DisclosureOwnExperience,
            901 => RkcAction::AvailabilityAroundTheClock,
            _ => return None,
        })
    }

    #[inline(always)]
    fn rkc_outcome(self) -> u8 {
        match self {
            RkcAction::PatientEverydayAndFuture => ALLOWED,
            RkcAction::PatientTreatmentAdvice => FORBIDDEN,
            RkcAction::PatientRecoveryAndCoherence => ALLOWED,
            RkcAction::PatientPastFocusedTherapy => FORBIDDEN,
            RkcAction::PatientMotivationalSupport => ALLOWED,
            RkcAction::PatientPeerConversation => ALLOWED,
            RkcAction::PatientClosingConversation => ALLOWED,
            RkcAction::PatientCaseManagerOrAdvocate => NOT_ADDRESSED,
            RkcAction::RelativesSupportiveWork => ALLOWED,
            RkcAction::RelativesGoBetween => FORBIDDEN,
            RkcAction::GroupInformationMeeting => ALLOWED,
            RkcAction::OutreachInformation => ALLOWED,
            RkcAction::StaffComplementResource => ALLOWED,
            RkcAction::StaffPerformOtherStaffTasks => FORBIDDEN,
            RkcAction::StaffJointDevelopment => ALLOWED,
            RkcAction::StaffActInIsolation => FORBIDDEN,
            RkcAction::StaffFullMember => NOT_ADDRESSED,
            RkcAction::JournalWriteNote => FORBIDDEN,
            RkcAction::JournalRecordParticipation => ALLOWED,
            RkcAction::JournalReadContactDetails => ALLOWED,
            RkcAction::JournalBookColleagueTime => ALLOWED,
            RkcAction::PracticalOccasionalTask => NOT_ADDRESSED,
            RkcAction::PracticalOtherDutiesDisplacingRole => NOT_ADDRESSED,
            RkcAction::DisclosureOwnExperience => WITH_CONDITIONS,
            RkcAction::AvailabilityAroundTheClock => NOT_ADDRESSED,
        }
    }
}

/// RKC's outcome for each code of the catalogue: code to action, action to
/// outcome. Out of line, as the engine's `decide_code` is to this crate.
#[inline(never)]
fn baseline_by_code(code: u32) -> u8 {
    match RkcAction::from_code(code) {
        Some(action) => action.rkc_outcome(),
        None => NOT_IN_CATALOGUE,
    }
}

/// Runs `rounds` passes of `decide` over `keys`; the number of decisions not
/// forbidden.
#[inline(always)]
fn run<K: Copy>(keys: &[K], rounds: usize, decide: impl Fn(K) -> bool) -> usize {
    let mut not_forbidden = 0usize;
    for _ in 0..rounds {
        for &key in keys {
            if decide(black_box(key)) {
                not_forbidden += 1;
            }
        }
    }
    not_forbidden
}

/// Nanoseconds per decision of one timed pass.
fn time<K: Copy>(keys: &[K], rounds: usize, decide: impl Fn(K) -> bool) -> f64 {
    let start = Instant::now();
    black_box(run(keys, rounds, decide));
    start.elapsed().as_nanos() as f64 / (rounds * keys.len()) as f64
}

/// Heap allocations made by one pass of `decide` over `keys`.
fn allocations<K: Copy>(keys: &[K], rounds: usize, decide: impl Fn(K) -> bool) -> u64 {
    let profiler = dhat::Profiler::builder().testing().build();
    black_box(run(keys, rounds, decide));
    let blocks = dhat::HeapStats::get().total_blocks;
    drop(profiler);
    blocks
}

/// The fastest and the median of `samples`.
fn min_median(samples: &mut [f64]) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let min = samples.first().copied().unwrap_or(f64::NAN);
    let median = samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN);
    (min, median)
}

fn main() -> Result<(), Error> {
    const ROUNDS: usize = 200_000;
    const COUNTED_ROUNDS: usize = 1_000;
    for model in ModelId::ALL {
        let engine = Engine::builtin(model)?;
        let ids: Vec<&str> = engine.actions().iter().map(|a| a.id.as_str()).collect();
        let codes: Vec<u32> = engine.actions().iter().map(|a| a.code).collect();
        let by_id = |id: &str| black_box(engine.decide(id)).outcome() != Outcome::Forbidden;
        let by_code = |code| black_box(engine.decide_code(code)).outcome() != Outcome::Forbidden;
        for (how, ns, allocated) in [
            (
                "by id  ",
                time(&ids, ROUNDS, by_id),
                allocations(&ids, COUNTED_ROUNDS, by_id),
            ),
            (
                "by code",
                time(&codes, ROUNDS, by_code),
                allocations(&codes, COUNTED_ROUNDS, by_code),
            ),
        ] {
            println!(
                "{model:<13} {how} {} actions: {:>6.1} M decisions/s, {ns:>5.1} ns/decision, {allocated} heap allocations in {} decisions",
                ids.len(),
                1e3 / ns,
                COUNTED_ROUNDS * ids.len(),
            );
        }
    }

    // The floor, for RKC: the engine against hand-written matches.
    let engine = Engine::builtin(ModelId::Rkc)?;
    let ids: Vec<&str> = engine.actions().iter().map(|a| a.id.as_str()).collect();
    let codes: Vec<u32> = engine.actions().iter().map(|a| a.code).collect();
    // The baselines must answer as the engine does, or the floor is not one.
    for action in engine.actions() {
        let outcome = small(engine.decide(&action.id).outcome());
        if baseline_by_id(&action.id) != outcome || baseline_by_code(action.code) != outcome {
            return Err(format!("the baseline disagrees with the engine on {}", action.id).into());
        }
    }
    if baseline_by_id("journal.write_notf") != NOT_IN_CATALOGUE
        || baseline_by_code(10_000) != NOT_IN_CATALOGUE
    {
        return Err("the baseline finds an action outside the catalogue".into());
    }

    let engine_by_id = |id: &str| black_box(engine.decide(id)).outcome() != Outcome::Forbidden;
    let base_by_id = |id: &str| black_box(baseline_by_id(id)) != FORBIDDEN;
    let engine_by_code = |code| black_box(engine.decide_code(code)).outcome() != Outcome::Forbidden;
    let base_by_code = |code| black_box(baseline_by_code(code)) != FORBIDDEN;
    if run(&ids, 1, engine_by_id) != run(&ids, 1, base_by_id)
        || run(&codes, 1, engine_by_code) != run(&codes, 1, base_by_code)
    {
        return Err("the baseline counts differently from the engine".into());
    }

    const REPEATS: usize = 15;
    const FLOOR_ROUNDS: usize = 100_000;
    let mut samples: [Vec<f64>; 4] = Default::default();
    for _ in 0..REPEATS {
        samples[0].push(time(&ids, FLOOR_ROUNDS, engine_by_id));
        samples[1].push(time(&ids, FLOOR_ROUNDS, base_by_id));
        samples[2].push(time(&codes, FLOOR_ROUNDS, engine_by_code));
        samples[3].push(time(&codes, FLOOR_ROUNDS, base_by_code));
    }
    let [engine_id, base_id, engine_code, base_code] = samples.map(|mut s| min_median(&mut s));
    let id_allocations = allocations(&ids, COUNTED_ROUNDS, engine_by_id);
    let code_allocations = allocations(&codes, COUNTED_ROUNDS, engine_by_code);

    println!();
    println!(
        "floor (rkc, {} actions, {REPEATS} interleaved passes of {} decisions; fastest / median ns per decision):",
        ids.len(),
        FLOOR_ROUNDS * ids.len()
    );
    println!(
        "  engine by id     {:>5.2} / {:>5.2} ns   {id_allocations} heap allocations in {} decisions",
        engine_id.0,
        engine_id.1,
        COUNTED_ROUNDS * ids.len()
    );
    println!(
        "  baseline by id   {:>5.2} / {:>5.2} ns   (match over the id strings)",
        base_id.0, base_id.1
    );
    println!(
        "  engine by code   {:>5.2} / {:>5.2} ns   {code_allocations} heap allocations in {} decisions",
        engine_code.0,
        engine_code.1,
        COUNTED_ROUNDS * codes.len()
    );
    println!(
        "  baseline by code {:>5.2} / {:>5.2} ns   (match code -> enum -> outcome)",
        base_code.0, base_code.1
    );
    println!(
        "  ratio by id   {:.2}x (median {:.2}x)",
        engine_id.0 / base_id.0,
        engine_id.1 / base_id.1
    );
    println!(
        "  ratio by code {:.2}x (median {:.2}x)",
        engine_code.0 / base_code.0,
        engine_code.1 / base_code.1
    );
    Ok(())
}
