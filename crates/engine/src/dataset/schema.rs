//! The JSON Schema of dataset v1, derived from the Rust model (never written by hand).

use schemars::generate::SchemaSettings;

use super::model::Dataset;

/// Where the schema is kept in the repository, for datasets' `$schema`.
pub const SCHEMA_FILE: &str = "schema/dataset-v1.json";

/// The JSON Schema (draft 2020-12) of a dataset.
pub fn dataset_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<Dataset>();
    schema.to_value()
}

/// The schema as the text `ita-report schema` prints and `schema/dataset-v1.json` holds.
pub fn dataset_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&dataset_schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn properties(schema: &Value, definition: Option<&str>) -> Vec<String> {
        let node = match definition {
            None => schema,
            Some(name) => &schema["$defs"][name],
        };
        let mut keys: Vec<String> = node["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no properties for {definition:?}: {node}"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        keys.sort();
        keys
    }

    /// The decoder and the schema must agree on every object's keys.
    #[test]
    fn schema_and_decoder_know_the_same_keys() {
        use crate::dataset::decode::keys;
        let schema = dataset_schema();
        assert_eq!(properties(&schema, None), sorted(keys::DATASET));
        assert_eq!(
            properties(&schema, Some("Organization")),
            sorted(keys::ORGANIZATION)
        );
        assert_eq!(properties(&schema, Some("Measure")), sorted(keys::MEASURE));
        assert_eq!(
            properties(&schema, Some("Signatory")),
            sorted(keys::SIGNATORY)
        );
        assert_eq!(properties(&schema, Some("List")), sorted(keys::LIST));
        assert_eq!(
            properties(&schema, Some("DateRange")),
            sorted(keys::DATE_RANGE)
        );
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            sorted(&required),
            sorted(&["organization", "fiscal_year", "measures"])
        );
        assert_eq!(schema["additionalProperties"], Value::Bool(false));
    }

    #[test]
    fn schema_file_is_up_to_date() {
        let committed = include_str!("../../../../schema/dataset-v1.json");
        assert!(
            committed == dataset_schema_text(),
            "schema/dataset-v1.json is stale: run `cargo run --release -- schema > schema/dataset-v1.json`"
        );
    }
}
