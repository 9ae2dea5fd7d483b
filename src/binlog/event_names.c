/* event_names.c - names of event types: the protocol's and the class names
 * python-mysql-replication's dump() prints. */
#include "binbridge.h"

struct event_name {
    const char *type_name;
    const char *class_name;
};

static const struct event_name names[256] = {
    [UNKNOWN_EVENT] = { "UNKNOWN_EVENT", "UnknownEvent" },
    [START_EVENT_V3] = { "START_EVENT_V3", "StartEventV3" },
    [QUERY_EVENT] = { "QUERY_EVENT", "QueryEvent" },
    [STOP_EVENT] = { "STOP_EVENT", "StopEvent" },
    [ROTATE_EVENT] = { "ROTATE_EVENT", "RotateEvent" },
    [INTVAR_EVENT] = { "INTVAR_EVENT", "IntvarEvent" },
    [LOAD_EVENT] = { "LOAD_EVENT", "LoadEvent" },
    [SLAVE_EVENT] = { "SLAVE_EVENT", "SlaveEvent" },
    [CREATE_FILE_EVENT] = { "CREATE_FILE_EVENT", "CreateFileEvent" },
    [APPEND_BLOCK_EVENT] = { "APPEND_BLOCK_EVENT", "AppendBlockEvent" },
    [EXEC_LOAD_EVENT] = { "EXEC_LOAD_EVENT", "ExecLoadEvent" },
    [DELETE_FILE_EVENT] = { "DELETE_FILE_EVENT", "DeleteFileEvent" },
    [NEW_LOAD_EVENT] = { "NEW_LOAD_EVENT", "NewLoadEvent" },
    [RAND_EVENT] = { "RAND_EVENT", "RandEvent" },
    [USER_VAR_EVENT] = { "USER_VAR_EVENT", "UserVarEvent" },
    [FORMAT_DESCRIPTION_EVENT] = { "FORMAT_DESCRIPTION_EVENT", "FormatDescriptionEvent" },
    [XID_EVENT] = { "XID_EVENT", "XidEvent" },
    [BEGIN_LOAD_QUERY_EVENT] = { "BEGIN_LOAD_QUERY_EVENT", "BeginLoadQueryEvent" },
    [EXECUTE_LOAD_QUERY_EVENT] = { "EXECUTE_LOAD_QUERY_EVENT", "ExecuteLoadQueryEvent" },
    [TABLE_MAP_EVENT] = { "TABLE_MAP_EVENT", "TableMapEvent" },
    [PRE_GA_WRITE_ROWS_EVENT] = { "PRE_GA_WRITE_ROWS_EVENT", "WriteRowsEvent" },
    [PRE_GA_UPDATE_ROWS_EVENT] = { "PRE_GA_UPDATE_ROWS_EVENT", "UpdateRowsEvent" },
    [PRE_GA_DELETE_ROWS_EVENT] = { "PRE_GA_DELETE_ROWS_EVENT", "DeleteRowsEvent" },
    [WRITE_ROWS_EVENT_V1] = { "WRITE_ROWS_EVENT_V1", "WriteRowsEvent" },
    [UPDATE_ROWS_EVENT_V1] = { "UPDATE_ROWS_EVENT_V1", "UpdateRowsEvent" },
    [DELETE_ROWS_EVENT_V1] = { "DELETE_ROWS_EVENT_V1", "DeleteRowsEvent" },
    [INCIDENT_EVENT] = { "INCIDENT_EVENT", "IncidentEvent" },
    [HEARTBEAT_LOG_EVENT] = { "HEARTBEAT_LOG_EVENT", "HeartbeatLogEvent" },
    [IGNORABLE_LOG_EVENT] = { "IGNORABLE_LOG_EVENT", "IgnorableLogEvent" },
    [ROWS_QUERY_LOG_EVENT] = { "ROWS_QUERY_LOG_EVENT", "RowsQueryLogEvent" },
    [WRITE_ROWS_EVENT] = { "WRITE_ROWS_EVENT", "WriteRowsEvent" },
    [UPDATE_ROWS_EVENT] = { "UPDATE_ROWS_EVENT", "UpdateRowsEvent" },
    [DELETE_ROWS_EVENT] = { "DELETE_ROWS_EVENT", "DeleteRowsEvent" },
    [GTID_LOG_EVENT] = { "GTID_LOG_EVENT", "GtidEvent" },
    [ANONYMOUS_GTID_LOG_EVENT] = { "ANONYMOUS_GTID_LOG_EVENT", "AnonymousGtidEvent" },
    [PREVIOUS_GTIDS_LOG_EVENT] = { "PREVIOUS_GTIDS_LOG_EVENT", "PreviousGtidsEvent" },
    [TRANSACTION_CONTEXT_EVENT] = { "TRANSACTION_CONTEXT_EVENT", "TransactionContextEvent" },
    [VIEW_CHANGE_EVENT] = { "VIEW_CHANGE_EVENT", "ViewChangeEvent" },
    [XA_PREPARE_LOG_EVENT] = { "XA_PREPARE_LOG_EVENT", "XAPrepareEvent" },
    [PARTIAL_UPDATE_ROWS_EVENT] = { "PARTIAL_UPDATE_ROWS_EVENT", "PartialUpdateRowsEvent" },
    [BB_TRANSACTION_PAYLOAD_EVENT] = { "TRANSACTION_PAYLOAD_EVENT", "TransactionPayloadEvent" },
    [BB_HEARTBEAT_LOG_EVENT_V2] = { "HEARTBEAT_LOG_EVENT_V2", "HeartbeatLogEvent" },
    [BB_GTID_TAGGED_LOG_EVENT] = { "GTID_TAGGED_LOG_EVENT", "GtidEvent" },
    [ANNOTATE_ROWS_EVENT] = { "ANNOTATE_ROWS_EVENT", "MariadbAnnotateRowsEvent" },
    [BINLOG_CHECKPOINT_EVENT] = { "BINLOG_CHECKPOINT_EVENT", "MariadbBinLogCheckPointEvent" },
    [GTID_EVENT] = { "GTID_EVENT", "MariadbGtidEvent" },
    [GTID_LIST_EVENT] = { "GTID_LIST_EVENT", "MariadbGtidListEvent" },
    [START_ENCRYPTION_EVENT] = { "START_ENCRYPTION_EVENT", "MariadbStartEncryptionEvent" },
    [QUERY_COMPRESSED_EVENT] = { "QUERY_COMPRESSED_EVENT", "QueryEvent" },
    [WRITE_ROWS_COMPRESSED_EVENT_V1] = { "WRITE_ROWS_COMPRESSED_EVENT_V1", "WriteRowsEvent" },
    [UPDATE_ROWS_COMPRESSED_EVENT_V1] = { "UPDATE_ROWS_COMPRESSED_EVENT_V1", "UpdateRowsEvent" },
    [DELETE_ROWS_COMPRESSED_EVENT_V1] = { "DELETE_ROWS_COMPRESSED_EVENT_V1", "DeleteRowsEvent" },
    [WRITE_ROWS_COMPRESSED_EVENT] = { "WRITE_ROWS_COMPRESSED_EVENT", "WriteRowsEvent" },
    [UPDATE_ROWS_COMPRESSED_EVENT] = { "UPDATE_ROWS_COMPRESSED_EVENT", "UpdateRowsEvent" },
    [DELETE_ROWS_COMPRESSED_EVENT] = { "DELETE_ROWS_COMPRESSED_EVENT", "DeleteRowsEvent" },
    [BB_PARTIAL_ROW_DATA_EVENT] = { "PARTIAL_ROW_DATA_EVENT", "PartialRowDataEvent" },
};

const char *bb_event_type_name(uint8_t type)
{
    return names[type].type_name ? names[type].type_name : "UNKNOWN_EVENT";
}

const char *bb_event_class_name(uint8_t type)
{
    return names[type].class_name ? names[type].class_name : "UnknownEvent";
}
