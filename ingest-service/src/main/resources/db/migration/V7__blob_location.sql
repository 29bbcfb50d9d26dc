-- Raw files in S3: a blob whose s3_key is set is the object of that key in the configured bucket (written before
-- the row); a blob without one is stored here, in blob_chunk. Both kinds stay readable whatever the store of new
-- files is.
alter table blob add column s3_key text;
