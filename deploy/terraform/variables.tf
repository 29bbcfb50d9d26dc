variable "region" {
  description = "AWS region"
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Name of this deployment (prefix of every resource)"
  type        = string
  default     = "mrv-prod"
}

variable "vpc_cidr" {
  description = "CIDR of the VPC"
  type        = string
  default     = "10.40.0.0/16"
}

variable "image_tag" {
  description = "Tag of the native images pushed to ECR (the same for the three services)"
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener"
  type        = string
}

variable "db_instance_class" {
  description = "RDS instance class"
  type        = string
  default     = "db.t4g.medium"
}

variable "db_allocated_storage_gb" {
  description = "RDS storage"
  type        = number
  default     = 100
}

variable "db_username" {
  description = "Master user of the database (its password is generated and kept in Secrets Manager)"
  type        = string
  default     = "mrv"
}

variable "ingest_max_upload_bytes" {
  description = "INGEST_MAX_UPLOAD_BYTES: larger uploads get 413"
  type        = number
  default     = 209715200
}

variable "mrv_uncertainty_flow_relative" {
  description = "MRV_UNCERTAINTY_FLOW_RELATIVE: relative standard uncertainty of the flow meter"
  type        = number
  default     = 0.05
}

variable "mrv_uncertainty_coverage_factor" {
  description = "MRV_UNCERTAINTY_COVERAGE_FACTOR: k of the conservative figure"
  type        = number
  default     = 1.645
}

variable "jwt_jwks_url" {
  description = "MP_JWT_VERIFY_PUBLICKEY_LOCATION: JWKS URL of the identity provider (Cognito, Keycloak, any OIDC)"
  type        = string
}

variable "jwt_issuer" {
  description = "MP_JWT_VERIFY_ISSUER: the iss claim tokens must carry"
  type        = string
}

variable "autoscaling_max" {
  description = "Most tasks of qaqc-service and mrv-service (CPU target tracking)"
  type        = number
  default     = 4
}

variable "alarm_email" {
  description = "Address the alarms are mailed to (empty: the SNS topic only)"
  type        = string
  default     = ""
}

variable "queue_age_alarm_seconds" {
  description = "Alarm when a queue's oldest pending entry is older than this"
  type        = number
  default     = 900
}

variable "cloudwatch_agent_image" {
  description = "The CloudWatch agent image that scrapes /q/metrics in each task"
  type        = string
  default     = "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300049.1b929"
}

variable "otlp_endpoint" {
  description = "OTLP/gRPC endpoint the services export traces to (an ADOT collector sidecar or gateway); empty: tracing off"
  type        = string
  default     = ""
}
