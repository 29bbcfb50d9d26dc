# Raw files (carbonmrv.blobs.store=s3): content-addressed objects raw/{plant}/{yyyy}/{mm}/{sha256}. Versioned, never
# public, encrypted at rest, moved to cheaper classes as they age; nothing expires (they are the claims' evidence).
resource "aws_s3_bucket" "raw" {
  bucket_prefix = "${var.environment}-raw-"
}

resource "aws_s3_bucket_versioning" "raw" {
  bucket = aws_s3_bucket.raw.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "raw" {
  bucket                  = aws_s3_bucket.raw.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id
  rule {
    id     = "raw-files-age"
    status = "Enabled"
    filter {
      prefix = "raw/"
    }
    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }
    transition {
      days          = 180
      storage_class = "GLACIER_IR"
    }
  }
}

# HEAD of a missing key answers 404 only with ListBucket (403 without): ingest asks whether an object is there.
data "aws_iam_policy_document" "raw_files" {
  for_each = { ingest-service = ["s3:PutObject", "s3:GetObject"], mrv-service = ["s3:GetObject"] }
  statement {
    actions   = each.value
    resources = ["${aws_s3_bucket.raw.arn}/raw/*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.raw.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["raw/*"]
    }
  }
}

resource "aws_iam_role_policy" "raw_files" {
  for_each = data.aws_iam_policy_document.raw_files
  name     = "raw-files"
  role     = aws_iam_role.task[each.key].id
  policy   = each.value.json
}
