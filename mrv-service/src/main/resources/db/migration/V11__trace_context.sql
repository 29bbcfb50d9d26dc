-- The grade event's trace context (W3C traceparent; null when tracing is off): the recompute batch's span is the
-- child of its first event's and linked to the others', so that a figure's change is found from the upload's trace.
alter table event add column traceparent text;
