-- Version 1 of the grading configuration. Thresholds per record type, parameter and (for sensors) per plant and
-- sensor through "plants" overrides; PUT /api/v1/config adds versions.
insert into config_version (version, config, created_by, comment) values (1, $json$
{
  "sensor": {
    "pH": {
      "physical_min": 0, "physical_max": 14,
      "operational_min": 6.0, "operational_max": 9.0,
      "spike_suspect": 0.5, "spike_fail": 1.5,
      "rate_of_change_per_minute": 0.5,
      "flat_line_tolerance": 0.0, "flat_line_suspect_minutes": 30, "flat_line_fail_minutes": 60,
      "gap_minutes": 10, "expected_interval_minutes": 1, "completeness_min_pct": 90
    }
  },
  "lab": {
    "calcium": {
      "physical_min": 0, "physical_max": 2000,
      "operational_min": 1, "operational_max": 500,
      "replicate_spread_suspect": 0.10, "replicate_spread_fail": 0.50,
      "rerun_difference_suspect": 0.02, "rerun_difference_fail": 0.50,
      "uncertainty_missing_flag": 3,
      "upstream_point": "primary_clarifier", "downstream_point": "secondary_clarifier"
    }
  },
  "ops": {
    "effluent_flow_mgd": {
      "physical_min": 0, "physical_max": 10000,
      "operational_min": 0.01, "operational_max": 1000
    }
  },
  "plants": {}
}
$json$, 'system', 'defaults');
