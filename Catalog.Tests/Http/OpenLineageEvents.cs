using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Http;

/// <summary>
/// OpenLineage events shaped as the integrations emit them (Airflow, Spark, dbt, Flink, a failed run, static job and
/// dataset events), with fresh run ids and names per test, so tests sharing a catalog never meet.
/// </summary>
public static class OpenLineageEvents
{
    private const string Schema = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    public static string NewRunId() => Guid.NewGuid().ToString("D");

    /// <summary>An Airflow task instance of DAG <paramref name="dag"/>, its DAG run as the parent.</summary>
    public static JObject AirflowTask(string eventType, string dag, string task, string runId, string dagRunId, string time) => JObject.Parse($$"""
        {
          "eventType": "{{eventType}}",
          "eventTime": "{{time}}",
          "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
          "schemaURL": "{{Schema}}",
          "run": {
            "runId": "{{runId}}",
            "facets": {
              "airflow": {
                "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                "_schemaURL": "https://raw.githubusercontent.com/apache/airflow/providers-openlineage/1.14.0/airflow/providers/openlineage/facets/AirflowRunFacet.json",
                "dag": {"dag_id": "{{dag}}", "schedule_interval": "@daily", "owner": "lab-a"},
                "dagRun": {"dag_id": "{{dag}}", "run_id": "scheduled__2026-12-03T00:00:00+00:00", "run_type": "scheduled"},
                "task": {"task_id": "{{task}}", "operator_class": "BashOperator"},
                "taskInstance": {"try_number": 1, "pool": "default_pool"}
              },
              "nominalTime": {
                "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet",
                "nominalStartTime": "2026-12-03T00:00:00Z"
              },
              "parent": {
                "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                "job": {"namespace": "airflow-prod", "name": "{{dag}}"},
                "run": {"runId": "{{dagRunId}}"}
              },
              "processing_engine": {
                "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                "version": "2.10.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"
              }
            }
          },
          "job": {
            "namespace": "airflow-prod",
            "name": "{{dag}}.{{task}}",
            "facets": {
              "jobType": {
                "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                "_schemaURL": "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
                "processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"
              }
            }
          },
          "inputs": [{"namespace": "agave://data-sd2e-community", "name": "/uploads/tacc/example/345.txt"}],
          "outputs": [{"namespace": "postgres://warehouse:5432", "name": "qc.{{dag}}.{{task}}"}]
        }
        """);

    /// <summary>A Spark application writing a table, with column lineage and Spark's properties (one of them a secret).</summary>
    public static JObject Spark(string eventType, string app, string runId, string time) => JObject.Parse($$"""
        {
          "eventType": "{{eventType}}",
          "eventTime": "{{time}}",
          "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
          "schemaURL": "{{Schema}}",
          "run": {
            "runId": "{{runId}}",
            "facets": {
              "spark_version": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
                "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                "spark-version": "3.5.3", "openlineage-spark-version": "1.30.0"
              },
              "spark_properties": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
                "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                "properties": {"spark.master": "yarn", "spark.app.name": "{{app}}", "spark.hadoop.fs.s3a.secret.key": "AKIA-not-for-readers"}
              },
              "environmentVariables": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
                "_schemaURL": "https://openlineage.io/spec/facets/1-0-0/EnvironmentVariablesRunFacet.json#/$defs/EnvironmentVariablesRunFacet",
                "environmentVariables": [{"name": "DB_PASSWORD", "value": "hunter2"}]
              }
            }
          },
          "job": {
            "namespace": "spark-cluster",
            "name": "{{app}}.execute_insert_into_hadoop_fs_relation_command",
            "facets": {
              "jobType": {
                "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
                "_schemaURL": "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
                "processingType": "BATCH", "integration": "SPARK", "jobType": "SQL_JOB"
              }
            }
          },
          "inputs": [{
            "namespace": "hdfs://namenode:8020", "name": "/data/raw/{{app}}/events",
            "facets": {"schema": {
              "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
              "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
              "fields": [{"name": "cell_id", "type": "string"}, {"name": "fluorescence", "type": "double"}]} }
          }],
          "outputs": [{
            "namespace": "hdfs://namenode:8020", "name": "/data/curated/{{app}}/gated",
            "facets": {"columnLineage": {
              "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
              "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
              "fields": {"gated_fluorescence": {"inputFields": [{"namespace": "hdfs://namenode:8020", "name": "/data/raw/{{app}}/events", "field": "fluorescence"}]} } } },
            "outputFacets": {"outputStatistics": {
              "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark",
              "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet",
              "rowCount": 1204, "size": 88120} }
          }]
        }
        """);

    /// <summary>A dbt model run, as dbt-ol emits it, its dbt invocation as the parent.</summary>
    public static JObject Dbt(string eventType, string model, string runId, string invocationId, string time) => JObject.Parse($$"""
        {
          "eventType": "{{eventType}}",
          "eventTime": "{{time}}",
          "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/dbt",
          "schemaURL": "{{Schema}}",
          "run": {"runId": "{{runId}}", "facets": {
            "parent": {
              "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/dbt",
              "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
              "job": {"namespace": "dbt", "name": "dbt-run-lab_models"}, "run": {"runId": "{{invocationId}}"} },
            "dbt_version": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/dbt",
              "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet", "version": "1.8.2"} } },
          "job": {"namespace": "dbt", "name": "lab_models.model.{{model}}", "facets": {
            "sql": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/dbt",
              "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
              "query": "select sample_id, avg(od600) from staging.plate_reads group by 1", "dialect": "postgres"} } },
          "inputs": [{"namespace": "postgres://warehouse:5432", "name": "lab.staging.plate_reads"}],
          "outputs": [{"namespace": "postgres://warehouse:5432", "name": "lab.marts.{{model}}"}]
        }
        """);

    /// <summary>A Flink streaming job reading and writing Kafka topics.</summary>
    public static JObject Flink(string eventType, string name, string runId, string time) => JObject.Parse($$"""
        {
          "eventType": "{{eventType}}",
          "eventTime": "{{time}}",
          "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/flink",
          "schemaURL": "{{Schema}}",
          "run": {"runId": "{{runId}}", "facets": {
            "flink_job": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/flink",
              "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet", "jobId": "a1b2c3d4e5f6"} } },
          "job": {"namespace": "flink-jobs", "name": "{{name}}", "facets": {
            "jobType": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/flink",
              "_schemaURL": "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
              "processingType": "STREAMING", "integration": "FLINK", "jobType": "JOB"} } },
          "inputs": [{"namespace": "kafka://broker:9092", "name": "plate-reader.raw.{{name}}"}],
          "outputs": [{"namespace": "kafka://broker:9092", "name": "plate-reader.normalised.{{name}}"}]
        }
        """);

    /// <summary>A failed run of a Python job with OpenLineage's errorMessage facet.</summary>
    public static JObject Failed(string name, string runId, string time) => JObject.Parse($$"""
        {
          "eventType": "FAIL",
          "eventTime": "{{time}}",
          "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python",
          "schemaURL": "{{Schema}}",
          "run": {"runId": "{{runId}}", "facets": {
            "errorMessage": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python",
              "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
              "message": "division by zero in gate threshold", "programmingLanguage": "python",
              "stackTrace": "Traceback (most recent call last):\n  File \"gate.py\", line 12\nZeroDivisionError: division by zero"} } },
          "job": {"namespace": "lab-scripts", "name": "{{name}}"},
          "inputs": [], "outputs": []
        }
        """);

    public static JObject JobEvent(string name) => JObject.Parse($$"""
        {
          "eventTime": "2026-12-03T09:00:00Z",
          "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python",
          "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
          "job": {"namespace": "lab-scripts", "name": "{{name}}", "facets": {
            "documentation": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python",
              "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/DocumentationJobFacet.json#/$defs/DocumentationJobFacet",
              "description": "Gates cells by fluorescence."},
            "sourceCodeLocation": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python",
              "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet",
              "type": "git", "url": "https://git.example.org/lab/gating", "repoUrl": "https://git.example.org/lab/gating.git"} } },
          "inputs": [{"namespace": "postgres://warehouse:5432", "name": "lab.staging.plate_reads"}],
          "outputs": []
        }
        """);

    public static JObject DatasetEvent(string name) => JObject.Parse($$"""
        {
          "eventTime": "2026-12-03T09:00:00Z",
          "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python",
          "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
          "dataset": {"namespace": "postgres://warehouse:5432", "name": "{{name}}", "facets": {
            "schema": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python",
              "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
              "fields": [{"name": "sample_id", "type": "text"}]} } }
        }
        """);
}
