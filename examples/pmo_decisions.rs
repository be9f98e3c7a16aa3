//! Prints the Red Cross model's decisions for every journal-system (PMO)
//! operation of the catalogue, explained in Swedish and English.
//!
//! Run: `cargo run --release --example pmo_decisions`

use peer_support::{ActionGroup, Engine, Lang, ModelId, PolicyError};

fn main() -> Result<(), PolicyError> {
    let engine = Engine::builtin(ModelId::Rkc)?;
    for lang in Lang::ALL {
        let heading = match lang {
            Lang::Sv => "Journalsystemet PMO – vad får en peer supporter göra?",
            Lang::En => "The PMO journal system – what may a peer supporter do?",
        };
        println!(
            "== {} – {heading} ==\n",
            engine.policy().model_name().get(lang)
        );
        let operations = engine.decisions().iter().filter(|d| {
            d.action()
                .is_some_and(|a| a.group == ActionGroup::JournalSystem)
        });
        for decision in operations {
            println!("{}", decision.explain(lang));
        }
    }
    Ok(())
}
