resource "aws_security_group" "alb" {
  name   = "${var.environment}-alb"
  vpc_id = aws_vpc.main.id
  ingress {
    description = "HTTPS from clients"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    description = "to the services"
    from_port   = 8081
    to_port     = 8083
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}

# One group per service: only the ALB reaches its port.
resource "aws_security_group" "service" {
  for_each = local.services
  name     = "${var.environment}-${each.key}"
  vpc_id   = aws_vpc.main.id
  ingress {
    description     = "from the load balancer"
    from_port       = each.value.port
    to_port         = each.value.port
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
  egress {
    description = "database, ECR, Secrets Manager, CloudWatch"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# The database admits the three services only.
resource "aws_security_group" "db" {
  name   = "${var.environment}-db"
  vpc_id = aws_vpc.main.id
  ingress {
    description     = "PostgreSQL from the services"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [for sg in aws_security_group.service : sg.id]
  }
}

data "aws_iam_policy_document" "ecs_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# Execution role: pull the images, write logs, read the one database secret. Nothing else.
resource "aws_iam_role" "execution" {
  name               = "${var.environment}-ecs-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}

data "aws_iam_policy_document" "execution" {
  statement {
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = [for r in aws_ecr_repository.service : r.arn]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.service.arn}:*"]
  }
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.db_password.arn]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "pull-log-secret"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# Task roles, one per service: ingest writes and reads raw files under raw/ in the bucket, mrv reads them (evidence
# packages), qaqc calls no AWS API; every task's metrics agent writes its metric logs (alarms.tf).
resource "aws_iam_role" "task" {
  for_each           = local.services
  name               = "${var.environment}-${each.key}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
}
