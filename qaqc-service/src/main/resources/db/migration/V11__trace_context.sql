-- Trace context through the work (W3C traceparent; null when tracing is off): a job carries its upload event's, a
-- grade event the grading job's, so that mrv-service's recompute joins the upload's trace.
alter table job add column traceparent text;
alter table grade_event add column traceparent text;
