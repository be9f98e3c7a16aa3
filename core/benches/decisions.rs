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
const SHOULD_NOT: u8 = 2;
const FORBIDDEN: u8 = 3;
const NOT_ADDRESSED: u8 = 4;
const NOT_IN_CATALOGUE: u8 = 5;
const RETIRED: u8 = 6;

fn small(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Allowed => ALLOWED,
        Outcome::AllowedWithConditions => WITH_CONDITIONS,
        Outcome::ShouldNot => SHOULD_NOT,
        Outcome::Forbidden => FORBIDDEN,
        Outcome::NotAddressed => NOT_ADDRESSED,
        Outcome::NotInCatalogue => NOT_IN_CATALOGUE,
        Outcome::Retired => RETIRED,
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
        "patient.mirroring" => ALLOWED,
        "patient.convey_hope" => ALLOWED,
        "patient.introduce_to_activities" => ALLOWED,
        "patient.welcome_new_patients" => ALLOWED,
        "relatives.supportive_work" => ALLOWED,
        "relatives.go_between" => FORBIDDEN,
        "group.information_meeting" => ALLOWED,
        "group.co_lead_psychoeducational" => ALLOWED,
        "group.lead_alone" => ALLOWED,
        "group.visit_other_organisations" => ALLOWED,
        "group.join_activity" => ALLOWED,
        "outreach.information" => ALLOWED,
        "staff.complement_resource" => ALLOWED,
        "staff.perform_other_staff_tasks" => FORBIDDEN,
        "staff.joint_development" => ALLOWED,
        "staff.act_in_isolation" => RETIRED,
        "staff.full_member" => RETIRED,
        "staff.pass_on_patient_views" => NOT_ADDRESSED,
        "staff.user_perspective" => ALLOWED,
        "staff.internal_training" => NOT_ADDRESSED,
        "staff.user_audit" => NOT_ADDRESSED,
        "journal.write_note" => NOT_ADDRESSED,
        "journal.record_participation" => ALLOWED,
        "journal.read_contact_details" => ALLOWED,
        "journal.book_colleague_time" => ALLOWED,
        "journal.read_clinical_notes" => NOT_ADDRESSED,
        "journal.record_statistics" => NOT_ADDRESSED,
        "journal.fill_own_schedule" => NOT_ADDRESSED,
        "journal.book_patient" => NOT_ADDRESSED,
        "practical.occasional_task" => NOT_ADDRESSED,
        "practical.other_duties_displacing_role" => RETIRED,
        "practical.housing_support_chores" => NOT_ADDRESSED,
        "practical.accompany_outside" => NOT_ADDRESSED,
        "disclosure.own_experience" => WITH_CONDITIONS,
        "disclosure.trauma_details_patients" => SHOULD_NOT,
        "disclosure.broad_strokes_colleagues" => WITH_CONDITIONS,
        "disclosure.trauma_details_colleagues" => SHOULD_NOT,
        "availability.around_the_clock" => NOT_ADDRESSED,
        "meetings.workplace_meeting" => ALLOWED,
        "meetings.treatment_conference" => ALLOWED,
        "meetings.team_meeting" => ALLOWED,
        "relationships.private_friendship" => NOT_ADDRESSED,
        "relationships.romantic" => NOT_ADDRESSED,
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
    PatientMirroring = 109,
    PatientConveyHope = 110,
    PatientIntroduceToActivities = 111,
    PatientWelcomeNewPatients = 112,
    RelativesSupportiveWork = 201,
    RelativesGoBetween = 202,
    GroupInformationMeeting = 301,
    GroupCoLeadPsychoeducational = 302,
    GroupLeadAlone = 303,
    GroupVisitOtherOrganisations = 304,
    GroupJoinActivity = 305,
    OutreachInformation = 401,
    StaffComplementResource = 501,
    StaffPerformOtherStaffTasks = 502,
    StaffJointDevelopment = 503,
    StaffActInIsolation = 504,
    StaffFullMember = 505,
    StaffPassOnPatientViews = 506,
    StaffUserPerspective = 507,
    StaffInternalTraining = 508,
    StaffUserAudit = 509,
    JournalWriteNote = 601,
    JournalRecordParticipation = 602,
    JournalReadContactDetails = 603,
    JournalBookColleagueTime = 604,
    JournalReadClinicalNotes = 605,
    JournalRecordStatistics = 606,
    JournalFillOwnSchedule = 607,
    JournalBookPatient = 608,
    PracticalOccasionalTask = 701,
    PracticalOtherDutiesDisplacingRole = 702,
    PracticalHousingSupportChores = 703,
    PracticalAccompanyOutside = 704,
    DisclosureOwnExperience = 801,
    DisclosureTraumaDetailsPatients = 802,
    DisclosureBroadStrokesColleagues = 803,
    DisclosureTraumaDetailsColleagues = 804,
    AvailabilityAroundTheClock = 901,
    MeetingsWorkplaceMeeting = 1001,
    MeetingsTreatmentConference = 1002,
    MeetingsTeamMeeting = 1003,
    RelationshipsPrivateFriendship = 1101,
    RelationshipsRomantic = 1102,
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
            109 => RkcAction::PatientMirroring,
            110 => RkcAction::PatientConveyHope,
            111 => RkcAction::PatientIntroduceToActivities,
            112 => RkcAction::PatientWelcomeNewPatients,
            201 => RkcAction::RelativesSupportiveWork,
            202 => RkcAction::RelativesGoBetween,
            301 => RkcAction::GroupInformationMeeting,
            302 => RkcAction::GroupCoLeadPsychoeducational,
            303 => RkcAction::GroupLeadAlone,
            304 => RkcAction::GroupVisitOtherOrganisations,
            305 => RkcAction::GroupJoinActivity,
            401 => RkcAction::OutreachInformation,
            501 => RkcAction::StaffComplementResource,
            502 => RkcAction::StaffPerformOtherStaffTasks,
            503 => RkcAction::StaffJointDevelopment,
            504 => RkcAction::StaffActInIsolation,
            505 => RkcAction::StaffFullMember,
            506 => RkcAction::StaffPassOnPatientViews,
            507 => RkcAction::StaffUserPerspective,
            508 => RkcAction::StaffInternalTraining,
            509 => RkcAction::StaffUserAudit,
            601 => RkcAction::JournalWriteNote,
            602 => RkcAction::JournalRecordParticipation,
            603 => RkcAction::JournalReadContactDetails,
            604 => RkcAction::JournalBookColleagueTime,
            605 => RkcAction::JournalReadClinicalNotes,
            606 => RkcAction::JournalRecordStatistics,
            607 => RkcAction::JournalFillOwnSchedule,
            608 => RkcAction::JournalBookPatient,
            701 => RkcAction::PracticalOccasionalTask,
            702 => RkcAction::PracticalOtherDutiesDisplacingRole,
            703 => RkcAction::PracticalHousingSupportChores,
            704 => RkcAction::PracticalAccompanyOutside,
            801 => RkcAction::DisclosureOwnExperience,
            802 => RkcAction::DisclosureTraumaDetailsPatients,
            803 => RkcAction::DisclosureBroadStrokesColleagues,
            804 => RkcAction::DisclosureTraumaDetailsColleagues,
            901 => RkcAction::AvailabilityAroundTheClock,
            1001 => RkcAction::MeetingsWorkplaceMeeting,
            1002 => RkcAction::MeetingsTreatmentConference,
            1003 => RkcAction::MeetingsTeamMeeting,
            1101 => RkcAction::RelationshipsPrivateFriendship,
            1102 => RkcAction::RelationshipsRomantic,
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
            RkcAction::PatientMirroring => ALLOWED,
            RkcAction::PatientConveyHope => ALLOWED,
            RkcAction::PatientIntroduceToActivities => ALLOWED,
            RkcAction::PatientWelcomeNewPatients => ALLOWED,
            RkcAction::RelativesSupportiveWork => ALLOWED,
            RkcAction::RelativesGoBetween => FORBIDDEN,
            RkcAction::GroupInformationMeeting => ALLOWED,
            RkcAction::GroupCoLeadPsychoeducational => ALLOWED,
            RkcAction::GroupLeadAlone => ALLOWED,
            RkcAction::GroupVisitOtherOrganisations => ALLOWED,
            RkcAction::GroupJoinActivity => ALLOWED,
            RkcAction::OutreachInformation => ALLOWED,
            RkcAction::StaffComplementResource => ALLOWED,
            RkcAction::StaffPerformOtherStaffTasks => FORBIDDEN,
            RkcAction::StaffJointDevelopment => ALLOWED,
            RkcAction::StaffActInIsolation => RETIRED,
            RkcAction::StaffFullMember => RETIRED,
            RkcAction::StaffPassOnPatientViews => NOT_ADDRESSED,
            RkcAction::StaffUserPerspective => ALLOWED,
            RkcAction::StaffInternalTraining => NOT_ADDRESSED,
            RkcAction::StaffUserAudit => NOT_ADDRESSED,
            RkcAction::JournalWriteNote => NOT_ADDRESSED,
            RkcAction::JournalRecordParticipation => ALLOWED,
            RkcAction::JournalReadContactDetails => ALLOWED,
            RkcAction::JournalBookColleagueTime => ALLOWED,
            RkcAction::JournalReadClinicalNotes => NOT_ADDRESSED,
            RkcAction::JournalRecordStatistics => NOT_ADDRESSED,
            RkcAction::JournalFillOwnSchedule => NOT_ADDRESSED,
            RkcAction::JournalBookPatient => NOT_ADDRESSED,
            RkcAction::PracticalOccasionalTask => NOT_ADDRESSED,
            RkcAction::PracticalOtherDutiesDisplacingRole => RETIRED,
            RkcAction::PracticalHousingSupportChores => NOT_ADDRESSED,
            RkcAction::PracticalAccompanyOutside => NOT_ADDRESSED,
            RkcAction::DisclosureOwnExperience => WITH_CONDITIONS,
            RkcAction::DisclosureTraumaDetailsPatients => SHOULD_NOT,
            RkcAction::DisclosureBroadStrokesColleagues => WITH_CONDITIONS,
            RkcAction::DisclosureTraumaDetailsColleagues => SHOULD_NOT,
            RkcAction::AvailabilityAroundTheClock => NOT_ADDRESSED,
            RkcAction::MeetingsWorkplaceMeeting => ALLOWED,
            RkcAction::MeetingsTreatmentConference => ALLOWED,
            RkcAction::MeetingsTeamMeeting => ALLOWED,
            RkcAction::RelationshipsPrivateFriendship => NOT_ADDRESSED,
            RkcAction::RelationshipsRomantic => NOT_ADDRESSED,
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
