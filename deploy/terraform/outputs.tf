output "url" {
  description = "Base URL: /ingest, /qaqc and /mrv behind it"
  value       = "https://${aws_lb.main.dns_name}"
}

output "ecr_repositories" {
  description = "Where to push each service's native image"
  value       = { for k, r in aws_ecr_repository.service : k => r.repository_url }
}
