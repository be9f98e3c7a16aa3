/*
 * Benchmark: nanoseconds per boundary decision through the C ABI, by code
 * and by id, beside a hand-written C `switch` from RKC's codes to their
 * outcomes (the floor: what a journal system could hard-code), over every
 * action of RKC's catalogue; and the heap allocations made while deciding
 * (malloc and friends wrapped at link time: -Wl,--wrap=malloc,...).
 * scripts/bench-c.sh builds and runs it beside the in-process Rust
 * benchmark (core/benches/decisions.rs). It measures and prints; it asserts
 * nothing about speed.
 */
#define _POSIX_C_SOURCE 200809L
#include "peer_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- allocation counting ---- */
static volatile long allocations;
void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
int __real_posix_memalign(void **p, size_t align, size_t size);
void *__wrap_malloc(size_t size) { allocations++; return __real_malloc(size); }
void *__wrap_calloc(size_t n, size_t size) { allocations++; return __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t size) { allocations++; return __real_realloc(p, size); }
int __wrap_posix_memalign(void **p, size_t align, size_t size) {
    allocations++;
    return __real_posix_memalign(p, align, size);
}

/* RKC's outcome for each code of the catalogue, written out (with the
 * retired actions', though the timed passes ask only the catalogue's).
 * Out of line, as the library's functions are to the caller. */
__attribute__((noinline)) static peer_support_outcome floor_by_code(uint32_t code) {
    switch (code) {
    case 101: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.everyday_and_future */
    case 102: return PEER_SUPPORT_OUTCOME_FORBIDDEN; /* patient.treatment_advice */
    case 103: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.recovery_and_coherence */
    case 104: return PEER_SUPPORT_OUTCOME_FORBIDDEN; /* patient.past_focused_therapy */
    case 105: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.motivational_support */
    case 106: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.peer_conversation */
    case 107: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.closing_conversation */
    case 108: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* patient.case_manager_or_advocate */
    case 109: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.mirroring */
    case 110: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.convey_hope */
    case 111: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.introduce_to_activities */
    case 112: return PEER_SUPPORT_OUTCOME_ALLOWED; /* patient.welcome_new_patients */
    case 201: return PEER_SUPPORT_OUTCOME_ALLOWED; /* relatives.supportive_work */
    case 202: return PEER_SUPPORT_OUTCOME_FORBIDDEN; /* relatives.go_between */
    case 301: return PEER_SUPPORT_OUTCOME_ALLOWED; /* group.information_meeting */
    case 302: return PEER_SUPPORT_OUTCOME_ALLOWED; /* group.co_lead_psychoeducational */
    case 303: return PEER_SUPPORT_OUTCOME_ALLOWED; /* group.lead_alone */
    case 304: return PEER_SUPPORT_OUTCOME_ALLOWED; /* group.visit_other_organisations */
    case 305: return PEER_SUPPORT_OUTCOME_ALLOWED; /* group.join_activity */
    case 401: return PEER_SUPPORT_OUTCOME_ALLOWED; /* outreach.information */
    case 501: return PEER_SUPPORT_OUTCOME_ALLOWED; /* staff.complement_resource */
    case 502: return PEER_SUPPORT_OUTCOME_FORBIDDEN; /* staff.perform_other_staff_tasks */
    case 503: return PEER_SUPPORT_OUTCOME_ALLOWED; /* staff.joint_development */
    case 504: return PEER_SUPPORT_OUTCOME_RETIRED; /* staff.act_in_isolation */
    case 505: return PEER_SUPPORT_OUTCOME_RETIRED; /* staff.full_member */
    case 506: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* staff.pass_on_patient_views */
    case 507: return PEER_SUPPORT_OUTCOME_ALLOWED; /* staff.user_perspective */
    case 508: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* staff.internal_training */
    case 509: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* staff.user_audit */
    case 601: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* journal.write_note */
    case 602: return PEER_SUPPORT_OUTCOME_ALLOWED; /* journal.record_participation */
    case 603: return PEER_SUPPORT_OUTCOME_ALLOWED; /* journal.read_contact_details */
    case 604: return PEER_SUPPORT_OUTCOME_ALLOWED; /* journal.book_colleague_time */
    case 605: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* journal.read_clinical_notes */
    case 606: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* journal.record_statistics */
    case 607: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* journal.fill_own_schedule */
    case 608: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* journal.book_patient */
    case 701: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* practical.occasional_task */
    case 702: return PEER_SUPPORT_OUTCOME_RETIRED; /* practical.other_duties_displacing_role */
    case 703: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* practical.housing_support_chores */
    case 704: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* practical.accompany_outside */
    case 801: return PEER_SUPPORT_OUTCOME_ALLOWED_WITH_CONDITIONS; /* disclosure.own_experience */
    case 802: return PEER_SUPPORT_OUTCOME_SHOULD_NOT; /* disclosure.trauma_details_patients */
    case 803: return PEER_SUPPORT_OUTCOME_ALLOWED_WITH_CONDITIONS; /* disclosure.broad_strokes_colleagues */
    case 804: return PEER_SUPPORT_OUTCOME_SHOULD_NOT; /* disclosure.trauma_details_colleagues */
    case 901: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* availability.around_the_clock */
    case 1001: return PEER_SUPPORT_OUTCOME_ALLOWED; /* meetings.workplace_meeting */
    case 1002: return PEER_SUPPORT_OUTCOME_ALLOWED; /* meetings.treatment_conference */
    case 1003: return PEER_SUPPORT_OUTCOME_ALLOWED; /* meetings.team_meeting */
    case 1101: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* relationships.private_friendship */
    case 1102: return PEER_SUPPORT_OUTCOME_NOT_ADDRESSED; /* relationships.romantic */
    default: return PEER_SUPPORT_OUTCOME_NOT_IN_CATALOGUE;
    }
}

#define MAX_ACTIONS 256
#define ROUNDS 20000

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int by_ns(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void) {
    peer_support_engine *engine = NULL;
    uint32_t codes[MAX_ACTIONS];
    const char *ids[MAX_ACTIONS];
    size_t lens[MAX_ACTIONS];
    size_t n, i, r, pass;
    double t[3][9];
    volatile uint32_t sink = 0;
    long before, during_code, during_id;
    const char *names[3] = {"C ABI, by code", "C ABI, by id", "C switch (floor)"};

    if (peer_support_engine_builtin("rkc", 3, &engine) != PEER_SUPPORT_RESULT_OK) {
        return 1;
    }
    n = peer_support_action_count(engine);
    if (n > MAX_ACTIONS) {
        n = MAX_ACTIONS;
    }
    for (i = 0; i < n; i++) {
        peer_support_action a;
        peer_support_decision d;
        peer_support_action_at(engine, i, &a);
        codes[i] = a.code;
        ids[i] = a.id;
        lens[i] = strlen(a.id);
        peer_support_decide_code(engine, a.code, &d);
        if (d.outcome != floor_by_code(a.code)) {
            fprintf(stderr, "the floor's outcome for %s differs from the engine's\n", a.id);
            return 1;
        }
    }
    /* Interleaved passes; each path's fastest and median pass. */
    for (pass = 0; pass < 9; pass++) {
        double start;
        peer_support_decision d;
        start = now();
        for (r = 0; r < ROUNDS; r++) {
            for (i = 0; i < n; i++) {
                peer_support_decide_code(engine, codes[i], &d);
                sink += d.outcome;
            }
        }
        t[0][pass] = (now() - start) / (double)(ROUNDS * n);
        start = now();
        for (r = 0; r < ROUNDS; r++) {
            for (i = 0; i < n; i++) {
                peer_support_decide_id(engine, ids[i], lens[i], &d);
                sink += d.outcome;
            }
        }
        t[1][pass] = (now() - start) / (double)(ROUNDS * n);
        start = now();
        for (r = 0; r < ROUNDS; r++) {
            for (i = 0; i < n; i++) {
                sink += floor_by_code(codes[i]);
            }
        }
        t[2][pass] = (now() - start) / (double)(ROUNDS * n);
    }
    {
        peer_support_decision d;
        before = allocations;
        for (r = 0; r < 1000; r++) {
            for (i = 0; i < n; i++) {
                peer_support_decide_code(engine, codes[i], &d);
            }
        }
        during_code = allocations - before;
        before = allocations;
        for (r = 0; r < 1000; r++) {
            for (i = 0; i < n; i++) {
                peer_support_decide_id(engine, ids[i], lens[i], &d);
            }
        }
        during_id = allocations - before;
    }
    printf("C ABI benchmark: RKC, %zu actions, %d rounds per pass, 9 passes\n", n, ROUNDS);
    for (i = 0; i < 3; i++) {
        qsort(t[i], 9, sizeof t[i][0], by_ns);
        printf("  %-18s fastest %6.2f ns  median %6.2f ns  (%.2fx the floor)\n", names[i], t[i][0],
               t[i][4], t[i][0] / t[2][0]);
    }
    printf("  heap allocations while deciding: by code %ld in %zu decisions, by id %ld in %zu\n",
           during_code, n * 1000, during_id, n * 1000);
    peer_support_engine_free(engine);
    return (int)(sink & 0);
}
