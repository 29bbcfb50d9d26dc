-- The trace context of the upload request (W3C traceparent; null when tracing is off), handed to qaqc-service with
-- the work so that the grading it causes joins the upload's trace.
alter table upload_event add column traceparent text;
