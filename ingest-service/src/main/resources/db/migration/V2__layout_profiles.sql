-- The four layouts of the sample corpus (shared/samples/README.md), as data.
insert into layout_profile (id, version, record_type, format, definition) values
('lab-calcium', 1, 'lab', 'csv', $json$
{
  "description": "Lab results (ion chromatography), one row per measurement, 23 columns; unit_type_id is the sampling point (primary_clarifier = upstream, secondary_clarifier = downstream)",
  "detect": {"required_headers": ["unique_id", "unit_type_id", "parameter_name", "value"]},
  "columns": {
    "plant": "plant_id", "sample_date": "date", "unique_id": "unique_id", "point": "unit_type_id",
    "parameter": "parameter_name", "unit": "units", "value": "value", "uncertainty": "uncertainty",
    "replicate": "replicate_num"
  },
  "required_fields": ["sample_date", "point", "parameter", "value"],
  "date_formats": ["yyyy-MM-dd", "M/d/yyyy", "M/d/yy"]
}
$json$),
('sensor-ph', 1, 'sensor', 'csv', $json$
{
  "description": "Minute-level pH probe log, one row a minute per sensor, local plant time",
  "detect": {"required_headers": ["Timestamp", "Measurement value", "sensor_id"]},
  "columns": {
    "timestamp": "Timestamp", "value": "Measurement value", "unit": "Unit", "sensor": "sensor_id",
    "point": "unit_type_id", "plant": "plant_id"
  },
  "required_fields": ["timestamp", "value", "sensor"],
  "timestamp_formats": ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "M/d/yyyy H:mm:ss", "M/d/yyyy H:mm"]
}
$json$),
('ops-operator-daily', 1, 'ops', 'workbook', $json$
{
  "description": "PLANT_A-style monthly OPERATOR DATA report: row 1 is the header, each cell holding name, permit code, description, unit and frequency on separate lines; every cell is text; Sum/Avg/Max/Min/Count/Formula rows after the days",
  "detect": {"sheet_name": "OPERATOR DATA"},
  "sheet": "OPERATOR DATA",
  "header": {"first_row": 1, "last_row": 1, "cell_line_separator": "\n", "frequency_words": ["Daily", "Weekly", "Monthly", "Hourly"]},
  "data_start_row": 2,
  "date_column": "A",
  "date_formats": ["M/d/yyyy", "M/d/yy", "yyyy-MM-dd"],
  "columns": {
    "effluent_flow_mgd": "^Plnt Ef / 50050\\b",
    "effluent_flow_max_mgd": "^Max Effluent Flow / 50047\\b",
    "effluent_flow_min_mgd": "^Min Effluent Flow / 50048\\b",
    "bypass_flow_mgd": "^Bypass / 50050\\b",
    "bypass_hours": "^Bypass / DIVERSION/HRS\\b"
  },
  "required_fields": ["effluent_flow_mgd"],
  "units": {"effluent_flow_mgd": "MGD", "effluent_flow_max_mgd": "MGD", "effluent_flow_min_mgd": "MGD", "bypass_flow_mgd": "MGD"},
  "non_day_labels": ["Sum", "Avg", "Max", "Min", "Count", "Formula"]
}
$json$),
('ops-mpor', 1, 'ops', 'workbook', $json$
{
  "description": "PLANT_B-style MONTHLY PLANT OPERATIONS REPORT export: plant, month and generation time in A2:A4; header rows 6-12 (groups in row 6, column numbers in row 7, name fragments in rows 8-11, units in row 12); days from row 13 with formula dates; TOTAL/MAX/MIN/AVG, notes and tag rows after",
  "detect": {"sheet_name": "SHT-S1 DMR SUM"},
  "sheet": "SHT-S1 DMR SUM",
  "header": {"first_row": 6, "last_row": 11, "group_rows": [6], "ignore_rows": [7], "unit_row": 12},
  "data_start_row": 13,
  "date_column": "A",
  "date_formats": ["M/d/yyyy", "yyyy-MM-dd"],
  "plant_cell": {"cell": "A2"},
  "generated_at_cell": {"cell": "A4", "formats": ["M/d/yyyy h:mm:ss a", "M/d/yyyy h:mm a", "M/d/yyyy H:mm:ss", "M/d/yyyy H:mm", "yyyy-MM-dd HH:mm:ss"]},
  "columns": {
    "effluent_flow_mgd": "^EFFLUENT DATA / FIN EFF FLOW \\[MGD\\]$",
    "influent_flow_mgd": "^INFLUENT DATA / RAW INF FLOW \\[MGD\\]$"
  },
  "required_fields": ["effluent_flow_mgd"],
  "units": {"effluent_flow_mgd": "MGD", "influent_flow_mgd": "MGD"},
  "non_day_labels": ["TOTAL", "MAX", "MIN", "AVG", "Note:"]
}
$json$);
