# The three services: ports, path prefixes behind the ALB, health paths and sizes. Each service serves under its
# prefix (QUARKUS_HTTP_ROOT_PATH), so the ALB routes by path without rewriting.
# Sizes: 0.5 vCPU (grading and recompute are CPU-bound) with 1 GB, the smallest memory Fargate pairs with it; the
# benchmarks' peak RSS is 360-474 MB on the JVM and 213-281 MB natively (README, "Native"), so 1 GB keeps a 200 MB
# upload's headroom for either image.
locals {
  services = {
    ingest-service = {
      port      = 8081
      root_path = "/ingest"
      cpu       = 512
      memory    = 1024
      autoscale = false
      min_count = 1
      environment = {
        INGEST_MAX_UPLOAD_BYTES   = tostring(var.ingest_max_upload_bytes)
        CARBONMRV_BLOBS_STORE     = "s3"
        CARBONMRV_BLOBS_S3_BUCKET = aws_s3_bucket.raw.id
        CARBONMRV_BLOBS_S3_REGION = var.region
      }
    }
    qaqc-service = {
      port      = 8082
      root_path = "/qaqc"
      cpu       = 512
      memory    = 1024
      autoscale = true
      min_count = 1
      # the dashboard reaches qaqc through the same load balancer (same origin): no CORS
      environment = { QAQC_WORKER_ENABLED = "true", QAQC_MAX_ATTEMPTS = "3", QUARKUS_HTTP_CORS_ENABLED = "false" }
    }
    mrv-service = {
      port      = 8083
      root_path = "/mrv"
      cpu       = 512
      memory    = 1024
      autoscale = true
      min_count = 1
      environment = {
        MRV_WORKER_ENABLED              = "true"
        MRV_MAX_ATTEMPTS                = "3"
        MRV_UNCERTAINTY_FLOW_RELATIVE   = tostring(var.mrv_uncertainty_flow_relative)
        MRV_UNCERTAINTY_COVERAGE_FACTOR = tostring(var.mrv_uncertainty_coverage_factor)
        # the dashboard's browser reaches the other services through the same load balancer
        MRV_DASHBOARD_INGEST_URL = "/ingest"
        MRV_DASHBOARD_QAQC_URL   = "/qaqc"
        # mrv reads raw files from the bucket for evidence packages; it writes none
        CARBONMRV_BLOBS_S3_BUCKET = aws_s3_bucket.raw.id
        CARBONMRV_BLOBS_S3_REGION = var.region
      }
    }
  }
  health_path = "/q/health/ready"
  jdbc_url    = "jdbc:postgresql://${aws_db_instance.main.address}:5432/mrv"
}
