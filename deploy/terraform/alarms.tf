# Alarms an operator acts on: server errors behind the load balancer, work waiting too long, work parked after
# repeated failures. The queue gauges come from each service's /q/metrics (carbonmrv_queue_*), sent to CloudWatch
# by the task's metrics-agent container as embedded-metric logs in the CarbonMRV namespace.
locals {
  metrics_agent_config = jsonencode({
    logs = {
      metrics_collected = {
        prometheus = {
          prometheus_config_path = "env:PROMETHEUS_CONFIG_CONTENT"
          emf_processor = {
            metric_namespace = "CarbonMRV"
            metric_declaration = [{
              source_labels    = ["job"]
              label_matcher    = "^carbonmrv$"
              dimensions       = [["service", "queue"]]
              metric_selectors = ["^carbonmrv_queue_oldest_pending_seconds$", "^carbonmrv_queue_parked$", "^carbonmrv_queue_pending$"]
            }]
          }
        }
      }
      force_flush_interval = 30
    }
  })
  queues = {
    grading   = "qaqc-service"
    recompute = "mrv-service"
  }
}

resource "aws_sns_topic" "alarms" {
  name = "${var.environment}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# More than a handful of 5xx in five minutes: a service fails requests it should answer (503 during a database
# failover counts too: it lasts seconds, this alarm needs the errors to persist).
resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  for_each            = local.services
  alarm_name          = "${var.environment}-${each.key}-5xx"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions = {
    LoadBalancer = aws_lb.main.arn_suffix
    TargetGroup  = aws_lb_target_group.service[each.key].arn_suffix
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]
}

# The oldest pending entry has waited longer than the workers take for a normal day's files.
resource "aws_cloudwatch_metric_alarm" "queue_age" {
  for_each            = local.queues
  alarm_name          = "${var.environment}-${each.key}-queue-age"
  namespace           = "CarbonMRV"
  metric_name         = "carbonmrv_queue_oldest_pending_seconds"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.queue_age_alarm_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "breaching"
  dimensions          = { service = each.value, queue = each.key }
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# Any parked entry needs a person: it failed max-attempts times and waits (GET /api/v1/jobs?status=PARKED).
resource "aws_cloudwatch_metric_alarm" "queue_parked" {
  for_each            = local.queues
  alarm_name          = "${var.environment}-${each.key}-parked"
  namespace           = "CarbonMRV"
  metric_name         = "carbonmrv_queue_parked"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { service = each.value, queue = each.key }
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# Where the metrics agent writes its embedded-metric logs (CloudWatch extracts the metrics from them).
resource "aws_cloudwatch_log_group" "prometheus" {
  name              = "/aws/ecs/containerinsights/${var.environment}/prometheus"
  retention_in_days = 30
}

resource "aws_iam_role_policy" "metrics_agent" {
  for_each = aws_iam_role.task
  name     = "${var.environment}-metrics-agent"
  role     = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
      Resource = "${aws_cloudwatch_log_group.prometheus.arn}:*"
    }]
  })
}
