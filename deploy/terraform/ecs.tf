resource "aws_ecs_cluster" "main" {
  name = var.environment
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "service" {
  name              = "/ecs/${var.environment}"
  retention_in_days = 90
}

resource "aws_ecs_task_definition" "service" {
  for_each                 = local.services
  family                   = "${var.environment}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task[each.key].arn
  container_definitions = jsonencode([{
    name         = each.key
    image        = "${aws_ecr_repository.service[each.key].repository_url}:${var.image_tag}"
    essential    = true
    portMappings = [{ containerPort = each.value.port, protocol = "tcp" }]
    environment = [for k, v in merge({
      QUARKUS_HTTP_PORT                   = tostring(each.value.port)
      QUARKUS_HTTP_ROOT_PATH              = each.value.root_path
      QUARKUS_DATASOURCE_JDBC_URL         = local.jdbc_url
      QUARKUS_DATASOURCE_USERNAME         = var.db_username
      MP_JWT_VERIFY_PUBLICKEY_LOCATION    = var.jwt_jwks_url
      MP_JWT_VERIFY_ISSUER                = var.jwt_issuer
      QUARKUS_LOG_CONSOLE_JSON_ENABLED    = "true"
      QUARKUS_OTEL_SDK_DISABLED           = var.otlp_endpoint == "" ? "true" : "false"
      QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT = var.otlp_endpoint == "" ? "http://localhost:4317" : var.otlp_endpoint
    }, each.value.environment) : { name = k, value = v }]
    secrets = [{ name = "QUARKUS_DATASOURCE_PASSWORD", valueFrom = aws_secretsmanager_secret.db_password.arn }]
    healthCheck = {
      command     = ["CMD-SHELL", "curl -fs http://localhost:${each.value.port}${each.value.root_path}${local.health_path} || exit 1"]
      interval    = 15
      timeout     = 5
      retries     = 4
      startPeriod = 30
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service.name
        awslogs-region        = var.region
        awslogs-stream-prefix = each.key
      }
    }
    readonlyRootFilesystem = false
    user                   = "1001"
    stopTimeout            = 30
    }, {
    # scrapes the service's /q/metrics and sends the queue gauges to CloudWatch (alarms.tf)
    name      = "metrics-agent"
    image     = var.cloudwatch_agent_image
    essential = false
    cpu       = 64
    memory    = 128
    environment = [
      { name = "CW_CONFIG_CONTENT", value = local.metrics_agent_config },
      { name = "PROMETHEUS_CONFIG_CONTENT", value = yamlencode({
        global = { scrape_interval = "30s" }
        scrape_configs = [{
          job_name       = "carbonmrv"
          metrics_path   = "${each.value.root_path}/q/metrics"
          static_configs = [{ targets = ["localhost:${each.value.port}"], labels = { service = each.key } }]
        }]
      }) },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "${each.key}-metrics-agent"
      }
    }
  }])
}

resource "aws_ecs_service" "service" {
  for_each                          = local.services
  name                              = each.key
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.service[each.key].arn
  desired_count                     = each.value.min_count
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 60
  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.service[each.key].id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.service[each.key].arn
    container_name   = each.key
    container_port   = each.value.port
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_appautoscaling_target" "service" {
  for_each           = { for k, v in local.services : k => v if v.autoscale }
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.service[each.key].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = each.value.min_count
  max_capacity       = var.autoscaling_max
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each           = aws_appautoscaling_target.service
  name               = "${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = each.value.service_namespace
  resource_id        = each.value.resource_id
  scalable_dimension = each.value.scalable_dimension
  target_tracking_scaling_policy_configuration {
    target_value       = 60
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
