//! Prints the Red Cross model's decisions for the four journal-system (PMO)
//! operations, explained in Swedish and English.
//!
//! Run: `cargo run --release --example pmo_decisions`

use peer_support::{Engine, Lang, ModelId, PolicyError};

const PMO_OPERATIONS: [&str; 4] = [
    "journal.write_note",
    "journal.record_participation",
    "journal.read_contact_details",
    "journal.book_colleague_time",
];

fn main() -> Result<(), PolicyError> {
    let engine = Engine::builtin(ModelId::Rkc)?;
    for lang in Lang::ALL {
        let heading = match lang {
            Lang::Sv => "Journalsystemet PMO – vad får en Peer Supporter göra?",
            Lang::En => "The PMO journal system – what may a peer supporter do?",
        };
        println!(
            "== {heading} ({}) ==\n",
            engine.policy().model_name().get(lang)
        );
        for operation in PMO_OPERATIONS {
            println!("{}", engine.decide(operation).explain(lang));
        }
    }
    Ok(())
}
