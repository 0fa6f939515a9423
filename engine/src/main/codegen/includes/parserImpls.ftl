<#--
  Marble DDL grammar, included into calcite-core's Parser.jj (see ../config.fmpp).
  Node classes live in dev.marble.sql.parser. Every new keyword is non-reserved, so
  IF / INDEX / COMMENT / ... are matched with explicit lookahead where an identifier could follow.
-->

// ---------------------------------------------------------------------------------------------
// Small shared pieces
// ---------------------------------------------------------------------------------------------

boolean MarbleIfNotExists() :
{
}
{
    LOOKAHEAD(2) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean MarbleIfExists() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** An optionally signed integer that fits in a long. */
Long MarbleSignedLong() :
{
    boolean negative = false;
    Span s = null;
}
{
    [ <MINUS> { negative = true; s = span(); } | <PLUS> { s = span(); } ]
    <UNSIGNED_INTEGER_LITERAL> {
        final String image = (negative ? "-" : "") + token.image;
        try {
            return Long.valueOf(image);
        } catch (NumberFormatException e) {
            throw MarbleDdl.parseError(s == null ? getPos() : s.end(this),
                "Integer out of range: " + image);
        }
    }
}

/**
 * Type names core does not parse: CLOB and BLOB (reserved words in core without a type production)
 * become user-defined type names; BIT is BOOLEAN; FLOAT(p) becomes REAL (p <= 24) or DOUBLE, as in H2.
 */
SqlTypeNameSpec MarbleExtraTypeName() :
{
    final int precision;
    final Span s;
}
{
    <CLOB> {
        return new SqlUserDefinedTypeNameSpec(new SqlIdentifier("CLOB", getPos()), getPos());
    }
|
    <BLOB> {
        return new SqlUserDefinedTypeNameSpec(new SqlIdentifier("BLOB", getPos()), getPos());
    }
|
    // H2 and SQL Server: BIT is a boolean
    <BIT> {
        return new SqlBasicTypeNameSpec(SqlTypeName.BOOLEAN, getPos());
    }
|
    <FLOAT> { s = span(); } <LPAREN> precision = UnsignedIntLiteral() <RPAREN> {
        return new SqlBasicTypeNameSpec(precision <= 24 ? SqlTypeName.REAL : SqlTypeName.DOUBLE,
            s.end(this));
    }
}

// ---------------------------------------------------------------------------------------------
// Columns and constraints
// ---------------------------------------------------------------------------------------------

ReferentialAction MarbleReferentialAction() :
{
}
{
    <CASCADE> { return ReferentialAction.CASCADE; }
|
    <RESTRICT> { return ReferentialAction.RESTRICT; }
|
    <NO> <ACTION> { return ReferentialAction.NO_ACTION; }
|
    LOOKAHEAD(2) <SET> <NULL> { return ReferentialAction.SET_NULL; }
|
    <SET> <DEFAULT_> { return ReferentialAction.SET_DEFAULT; }
}

/** REFERENCES table [(col, ...)] [ON DELETE action] [ON UPDATE action] */
MarbleForeignKeyRef MarbleReferences() :
{
    final Span s;
    final SqlIdentifier table;
    SqlNodeList columns = null;
    ReferentialAction onDelete = ReferentialAction.NO_ACTION;
    ReferentialAction onUpdate = ReferentialAction.NO_ACTION;
}
{
    <REFERENCES> { s = span(); }
    table = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    (
        LOOKAHEAD(2) <ON> <DELETE> onDelete = MarbleReferentialAction()
    |
        <ON> <UPDATE> onUpdate = MarbleReferentialAction()
    )*
    {
        return new MarbleForeignKeyRef(s.end(this), table, columns, onDelete, onUpdate);
    }
}

/** ( START WITH n INCREMENT BY m ) in any order, or H2 / SQL Server style ( start [, increment] ). */
void MarbleIdentityOptions(MarbleColumnDef.Builder b) :
{
    Long n;
}
{
    <LPAREN>
    (
        n = MarbleSignedLong() { b.identityStart = n; }
        [ <COMMA> n = MarbleSignedLong() { b.identityIncrement = n; } ]
    |
        (
            <START> [ <WITH> ] n = MarbleSignedLong() { b.identityStart = n; }
        |
            <INCREMENT> [ <BY> ] n = MarbleSignedLong() { b.identityIncrement = n; }
        )+
    )
    <RPAREN>
}

/** One column option; options may come in any order after the data type. */
void MarbleColumnOption(MarbleColumnDef.Builder b) :
{
    SqlNode e;
    SqlIdentifier name;
    MarbleForeignKeyRef ref;
}
{
    <NOT> <NULL> { b.notNull = true; }
|
    <NULL> { b.notNull = false; }
|
    <DEFAULT_> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.defaultValue = e; }
|
    <GENERATED>
    (
        <BY> <DEFAULT_> { b.identity = IdentityKind.BY_DEFAULT; }
    |
        <ALWAYS> { b.identity = IdentityKind.ALWAYS; }
    )
    <AS> <IDENTITY>
    [ MarbleIdentityOptions(b) ]
|
    <AUTO_INCREMENT> { b.identity = IdentityKind.BY_DEFAULT; }
|
    <IDENTITY> { b.identity = IdentityKind.BY_DEFAULT; }
    [ MarbleIdentityOptions(b) ]
|
    [ <CONSTRAINT> name = SimpleIdentifier() { b.constraintName = name; } ]
    (
        <PRIMARY> <KEY> { b.primaryKey = true; }
    |
        <UNIQUE> { b.unique = true; }
    |
        <CHECK> <LPAREN> e = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> { b.check = e; }
    |
        ref = MarbleReferences() { b.references = ref; }
    )
}

/**
 * name [type option*]. The type is optional here so that CREATE TABLE t (a, b) AS query parses;
 * callers reject a missing type where one is required (MarbleDdl.requireType).
 */
MarbleColumnDef MarbleColumnDefinition() :
{
    final SqlIdentifier name;
    final MarbleColumnDef.Builder b;
    SqlDataTypeSpec type;
}
{
    name = SimpleIdentifier() { b = new MarbleColumnDef.Builder(name); }
    [
        type = DataType() { b.type = type; }
        ( MarbleColumnOption(b) )*
    ]
    {
        return b.build(Span.of(name).end(this));
    }
}

/** [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols) | CHECK (expr) | FOREIGN KEY (cols) REFERENCES ... */
MarbleTableConstraint MarbleTableConstraintDef() :
{
    Span s = null;
    SqlIdentifier name = null;
    SqlNodeList columns = null;
    SqlNode check = null;
    MarbleForeignKeyRef ref = null;
    final MarbleTableConstraint.Kind kind;
}
{
    [ <CONSTRAINT> { s = span(); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { if (s == null) s = span(); } <KEY>
        columns = ParenthesizedSimpleIdentifierList() { kind = MarbleTableConstraint.Kind.PRIMARY_KEY; }
    |
        <UNIQUE> { if (s == null) s = span(); }
        columns = ParenthesizedSimpleIdentifierList() { kind = MarbleTableConstraint.Kind.UNIQUE; }
    |
        <CHECK> { if (s == null) s = span(); }
        <LPAREN> check = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            kind = MarbleTableConstraint.Kind.CHECK;
        }
    |
        <FOREIGN> { if (s == null) s = span(); } <KEY>
        columns = ParenthesizedSimpleIdentifierList()
        ref = MarbleReferences() { kind = MarbleTableConstraint.Kind.FOREIGN_KEY; }
    )
    {
        return new MarbleTableConstraint(s.end(this), kind, name, columns, check, ref);
    }
}

void MarbleTableElement(List<MarbleColumnDef> columns, List<MarbleTableConstraint> constraints) :
{
    final MarbleColumnDef column;
    final MarbleTableConstraint constraint;
}
{
    constraint = MarbleTableConstraintDef() { constraints.add(constraint); }
|
    column = MarbleColumnDefinition() { columns.add(column); }
}

/** ( key = literal, ... ); key is an identifier or a string. */
SqlNodeList MarbleOptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    String key;
    SqlIdentifier id;
    SqlNode value;
    SqlParserPos keyPos;
}
{
    <LPAREN> { s = span(); }
    (
        (
            id = SimpleIdentifier() { key = id.getSimple(); keyPos = id.getParserPosition(); }
        |
            key = SimpleStringLiteral() { keyPos = getPos(); }
        )
        <EQ> value = Literal() {
            list.add(new MarbleOption(Span.of(keyPos).end(this), key, value));
        }
    )
    (
        <COMMA>
        (
            id = SimpleIdentifier() { key = id.getSimple(); keyPos = id.getParserPosition(); }
        |
            key = SimpleStringLiteral() { keyPos = getPos(); }
        )
        <EQ> value = Literal() {
            list.add(new MarbleOption(Span.of(keyPos).end(this), key, value));
        }
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

// ---------------------------------------------------------------------------------------------
// CREATE (after CREATE [OR REPLACE])
// ---------------------------------------------------------------------------------------------

SqlCreate MarbleCreateTableStmt(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<MarbleColumnDef> columns = new ArrayList<MarbleColumnDef>();
    final List<MarbleTableConstraint> constraints = new ArrayList<MarbleTableConstraint>();
    SqlNodeList withOptions = null;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = MarbleIfNotExists() name = CompoundIdentifier()
    [
        <LPAREN>
        MarbleTableElement(columns, constraints)
        ( <COMMA> MarbleTableElement(columns, constraints) )*
        <RPAREN>
    ]
    [ <WITH> withOptions = MarbleOptionList() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        if (query == null) {
            if (columns.isEmpty()) {
                throw MarbleDdl.parseError(s.end(this),
                    "CREATE TABLE needs at least one column, or AS query");
            }
            for (MarbleColumnDef column : columns) {
                MarbleDdl.requireType(column);
            }
        }
        return new MarbleCreateTable(s.end(this), replace, ifNotExists, name, columns,
            constraints, withOptions, query);
    }
}

SqlCreate MarbleCreateViewStmt(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columnList = null;
    final SqlNode query;
}
{
    <VIEW> ifNotExists = MarbleIfNotExists() name = CompoundIdentifier()
    [ columnList = ParenthesizedSimpleIdentifierList() ]
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
        return new MarbleCreateView(s.end(this), replace, ifNotExists, name, columnList, query);
    }
}

SqlCreate MarbleCreateSequenceStmt(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final MarbleCreateSequence.Builder b;
    Long n;
    SqlDataTypeSpec type;
}
{
    <SEQUENCE> ifNotExists = MarbleIfNotExists() name = CompoundIdentifier() {
        b = new MarbleCreateSequence.Builder(name, ifNotExists);
    }
    (
        <AS> type = DataType() { b.dataType = type; }
    |
        <START> [ <WITH> ] n = MarbleSignedLong() { b.start = n; }
    |
        <INCREMENT> [ <BY> ] n = MarbleSignedLong() { b.increment = n; }
    |
        <MINVALUE> n = MarbleSignedLong() { b.minValue = n; }
    |
        <MAXVALUE> n = MarbleSignedLong() { b.maxValue = n; }
    |
        <CYCLE> { b.cycle = true; }
    |
        <CACHE> n = MarbleSignedLong() { b.cache = n; }
    |
        <NO>
        (
            <MINVALUE> { b.minValue = null; }
        |
            <MAXVALUE> { b.maxValue = null; }
        |
            <CYCLE> { b.cycle = false; }
        |
            <CACHE> { b.cache = null; }
        )
    )*
    {
        return b.build(s.end(this), replace);
    }
}

SqlCreate MarbleCreateSchemaStmt(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    <SCHEMA> ifNotExists = MarbleIfNotExists() name = CompoundIdentifier() {
        return new MarbleCreateSchema(s.end(this), replace, ifNotExists, name);
    }
}

void MarbleIndexColumn(List<SqlIdentifier> columns, List<Boolean> descending) :
{
    final SqlIdentifier column;
    boolean desc = false;
}
{
    column = SimpleIdentifier()
    [ <ASC> | <DESC> { desc = true; } ]
    {
        columns.add(column);
        descending.add(desc);
    }
}

SqlCreate MarbleCreateIndexStmt(Span s, boolean replace) :
{
    boolean unique = false;
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlIdentifier table;
    final List<SqlIdentifier> columns = new ArrayList<SqlIdentifier>();
    final List<Boolean> descending = new ArrayList<Boolean>();
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX> ifNotExists = MarbleIfNotExists() name = CompoundIdentifier()
    <ON> table = CompoundIdentifier()
    <LPAREN>
    MarbleIndexColumn(columns, descending)
    ( <COMMA> MarbleIndexColumn(columns, descending) )*
    <RPAREN> {
        return new MarbleCreateIndex(s.end(this), replace, unique, ifNotExists, name, table,
            columns, descending);
    }
}

/**
 * CREATE USER [IF NOT EXISTS] name [WITH] PASSWORD 'secret' [ADMIN]. The password stays out of
 * every error message of this production.
 */
SqlCreate MarbleCreateUserStmt(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final String password;
    boolean admin = false;
}
{
    <USER> {
        if (replace) {
            throw MarbleDdl.parseError(s.end(this), "CREATE OR REPLACE USER is not supported; use ALTER USER");
        }
    }
    ifNotExists = MarbleIfNotExists() name = SimpleIdentifier()
    [ <WITH> ] <PASSWORD> password = SimpleStringLiteral()
    [ <ADMIN> { admin = true; } ]
    {
        return new MarbleCreateUser(s.end(this), ifNotExists, name, password, admin);
    }
}

/** CREATE ROLE [IF NOT EXISTS] name */
SqlCreate MarbleCreateRoleStmt(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    <ROLE> {
        if (replace) {
            throw MarbleDdl.parseError(s.end(this), "CREATE OR REPLACE ROLE is not supported");
        }
    }
    ifNotExists = MarbleIfNotExists() name = SimpleIdentifier() {
        return new MarbleCreateRole(s.end(this), ifNotExists, name);
    }
}

// ---------------------------------------------------------------------------------------------
// DROP (after DROP), TRUNCATE (after TRUNCATE)
// ---------------------------------------------------------------------------------------------

SqlDrop MarbleDropStmt(Span s, boolean replace) :
{
    final MarbleDrop.ObjectKind kind;
    boolean ifExists;
    final SqlIdentifier name;
    SqlIdentifier onTable = null;
    boolean cascade = false;
}
{
    (
        <TABLE> { kind = MarbleDrop.ObjectKind.TABLE; }
    |
        <VIEW> { kind = MarbleDrop.ObjectKind.VIEW; }
    |
        <SEQUENCE> { kind = MarbleDrop.ObjectKind.SEQUENCE; }
    |
        <SCHEMA> { kind = MarbleDrop.ObjectKind.SCHEMA; }
    |
        <INDEX> { kind = MarbleDrop.ObjectKind.INDEX; }
    |
        <USER> { kind = MarbleDrop.ObjectKind.USER; }
    |
        <ROLE> { kind = MarbleDrop.ObjectKind.ROLE; }
    )
    ifExists = MarbleIfExists() name = CompoundIdentifier()
    // HSQLDB's spelling: DROP TABLE name IF EXISTS
    [ <IF> <EXISTS> { ifExists = true; } ]
    [
        <ON> {
            if (kind != MarbleDrop.ObjectKind.INDEX) {
                throw MarbleDdl.parseError(getPos(), "ON table is only allowed in DROP INDEX");
            }
        }
        onTable = CompoundIdentifier()
    ]
    [ <CASCADE> { cascade = true; } | <RESTRICT> ]
    {
        return new MarbleDrop(s.end(this), kind, ifExists, name, onTable, cascade);
    }
}

SqlTruncate MarbleTruncateTableStmt(Span s) :
{
    final SqlIdentifier name;
    boolean restart = false;
}
{
    [ <TABLE> ] name = CompoundIdentifier()
    [ <RESTART> <IDENTITY> { restart = true; } | <CONTINUE> <IDENTITY> ]
    {
        return new MarbleTruncateTable(s.end(this), name, restart);
    }
}

// ---------------------------------------------------------------------------------------------
// Top-level statements (statementParserMethods; each tried with LOOKAHEAD(2))
// ---------------------------------------------------------------------------------------------

SqlNode MarbleAlterTableStmt() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier name;
    boolean flag;
    SqlIdentifier id;
    SqlIdentifier id2;
    MarbleColumnDef column;
    MarbleTableConstraint constraint;
    SqlNode e;
    SqlDataTypeSpec type;
    Long n;
}
{
    <ALTER> { s = span(); } <TABLE> ifExists = MarbleIfExists() name = CompoundIdentifier()
    (
        <ADD>
        (
            constraint = MarbleTableConstraintDef() {
                return MarbleAlterTable.addConstraint(s.end(this), name, ifExists, constraint);
            }
        |
            [ <COLUMN> ] flag = MarbleIfNotExists() column = MarbleColumnDefinition() {
                MarbleDdl.requireType(column);
                return MarbleAlterTable.addColumn(s.end(this), name, ifExists, column, flag);
            }
        )
    |
        <DROP>
        (
            <CONSTRAINT> flag = MarbleIfExists() id = SimpleIdentifier() {
                return MarbleAlterTable.dropConstraint(s.end(this), name, ifExists, id, flag);
            }
        |
            [ <COLUMN> ] flag = MarbleIfExists() id = SimpleIdentifier() {
                return MarbleAlterTable.dropColumn(s.end(this), name, ifExists, id, flag);
            }
        )
    |
        <RENAME>
        (
            <TO> id2 = CompoundIdentifier() {
                return MarbleAlterTable.rename(s.end(this), name, ifExists, null, id2);
            }
        |
            [ <COLUMN> ] id = SimpleIdentifier() <TO> id2 = SimpleIdentifier() {
                return MarbleAlterTable.rename(s.end(this), name, ifExists, id, id2);
            }
        )
    |
        <ALTER> [ <COLUMN> ] id = SimpleIdentifier()
        (
            LOOKAHEAD(2) <RESTART> <WITH> n = MarbleSignedLong() {
                return new MarbleRestart(s.end(this), name, id, ifExists, n);
            }
        |
            <SET>
            (
                <DEFAULT_> e = Expression(ExprContext.ACCEPT_SUB_QUERY) {
                    return MarbleAlterTable.alterColumn(s.end(this), name, ifExists,
                        MarbleAlterTable.Action.SET_DEFAULT, id, e, null);
                }
            |
                <NOT> <NULL> {
                    return MarbleAlterTable.alterColumn(s.end(this), name, ifExists,
                        MarbleAlterTable.Action.SET_NOT_NULL, id, null, null);
                }
            |
                <DATA> <TYPE> type = DataType() {
                    return MarbleAlterTable.alterColumn(s.end(this), name, ifExists,
                        MarbleAlterTable.Action.SET_DATA_TYPE, id, null, type);
                }
            )
        |
            <DROP>
            (
                <DEFAULT_> {
                    return MarbleAlterTable.alterColumn(s.end(this), name, ifExists,
                        MarbleAlterTable.Action.DROP_DEFAULT, id, null, null);
                }
            |
                <NOT> <NULL> {
                    return MarbleAlterTable.alterColumn(s.end(this), name, ifExists,
                        MarbleAlterTable.Action.DROP_NOT_NULL, id, null, null);
                }
            )
        |
            LOOKAHEAD(2) <TYPE> type = DataType() {
                return MarbleAlterTable.alterColumn(s.end(this), name, ifExists,
                    MarbleAlterTable.Action.SET_DATA_TYPE, id, null, type);
            }
        |
            // H2 and HSQLDB: ALTER COLUMN c VARCHAR(200)
            type = DataType() {
                return MarbleAlterTable.alterColumn(s.end(this), name, ifExists,
                    MarbleAlterTable.Action.SET_DATA_TYPE, id, null, type);
            }
        )
    )
}

/** ALTER SEQUENCE [IF EXISTS] name RESTART [WITH n] */
SqlNode MarbleAlterSequenceStmt() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier name;
    Long n = null;
}
{
    <ALTER> { s = span(); } <SEQUENCE> ifExists = MarbleIfExists() name = CompoundIdentifier()
    <RESTART> [ <WITH> n = MarbleSignedLong() ]
    {
        return new MarbleRestart(s.end(this), name, null, ifExists, n);
    }
}

/**
 * SET SCHEMA name | SET SCHEMA 'name'. SET SCHEMA[.x] = value stays core's SqlSetOption (core's
 * SqlSetOption production is not reachable once SET SCHEMA has been matched here).
 */
SqlNode MarbleSetSchemaStmt() :
{
    final Span s;
    final List<String> names = new ArrayList<String>();
    final List<SqlParserPos> positions = new ArrayList<SqlParserPos>();
    final SqlIdentifier option;
    final SqlIdentifier id;
    final String schema;
    final SqlNode value;
}
{
    <SET> { s = span(); }
    <SCHEMA> {
        names.add(unquotedIdentifier());
        positions.add(getPos());
    }
    (
        ( <DOT> AddIdentifierSegment(names, positions) )*
        <EQ>
        (
            value = Literal()
        |
            value = SimpleIdentifier()
        |
            <ON> { value = new SqlIdentifier(token.image.toUpperCase(Locale.ROOT), getPos()); }
        )
        {
            option = new SqlIdentifier(names, null, SqlParserPos.sum(positions), positions);
            return new SqlSetOption(s.end(value), null, (SqlNode) option, value);
        }
    |
        id = SimpleIdentifier() {
            return new MarbleSetSchema(s.end(this), id.getSimple());
        }
    |
        schema = SimpleStringLiteral() {
            return new MarbleSetSchema(s.end(this), schema);
        }
    )
}

/** COMMENT ON TABLE t IS 'text' | NULL; COMMENT ON COLUMN t.c IS 'text' | NULL */
SqlNode MarbleCommentOnStmt() :
{
    final Span s;
    final MarbleCommentOn.ObjectKind target;
    final SqlIdentifier name;
    String comment = null;
}
{
    <COMMENT> { s = span(); } <ON>
    (
        <TABLE> { target = MarbleCommentOn.ObjectKind.TABLE; }
    |
        <COLUMN> { target = MarbleCommentOn.ObjectKind.COLUMN; }
    )
    name = CompoundIdentifier() {
        if (target == MarbleCommentOn.ObjectKind.COLUMN && name.names.size() < 2) {
            throw MarbleDdl.parseError(name.getParserPosition(),
                "COMMENT ON COLUMN needs a qualified name: table.column");
        }
    }
    <IS>
    ( comment = SimpleStringLiteral() | <NULL> )
    {
        return new MarbleCommentOn(s.end(this), target, name, comment);
    }
}

/**
 * COMMIT [WORK] | ROLLBACK [WORK] [TO [SAVEPOINT] name] | SAVEPOINT name
 * | RELEASE [SAVEPOINT] name | START TRANSACTION | BEGIN [WORK | TRANSACTION]
 */
SqlNode MarbleTransactionStmt() :
{
    final Span s;
    SqlIdentifier name = null;
    MarbleTransaction.Action action;
}
{
    (
        <COMMIT> { s = span(); action = MarbleTransaction.Action.COMMIT; } [ <WORK> ]
    |
        <ROLLBACK> { s = span(); action = MarbleTransaction.Action.ROLLBACK; } [ <WORK> ]
        [
            <TO> [ <SAVEPOINT> ] name = SimpleIdentifier() {
                action = MarbleTransaction.Action.ROLLBACK_TO_SAVEPOINT;
            }
        ]
    |
        <SAVEPOINT> { s = span(); } name = SimpleIdentifier() {
            action = MarbleTransaction.Action.SAVEPOINT;
        }
    |
        <RELEASE> { s = span(); } [ <SAVEPOINT> ] name = SimpleIdentifier() {
            action = MarbleTransaction.Action.RELEASE_SAVEPOINT;
        }
    |
        <START> { s = span(); } <TRANSACTION> { action = MarbleTransaction.Action.BEGIN; }
    |
        <BEGIN> { s = span(); action = MarbleTransaction.Action.BEGIN; } [ <WORK> | <TRANSACTION> ]
    )
    {
        return new MarbleTransaction(s.end(this), action, name);
    }
}

/** CHECK DATABASE | BACKUP TO 'directory' */
SqlNode MarbleAdminStmt() :
{
    final Span s;
    final String target;
}
{
    (
        <CHECK> { s = span(); } <DATABASE> {
            return new MarbleAdmin(s.end(this), MarbleAdmin.Action.CHECK_DATABASE, null);
        }
    |
        <BACKUP> { s = span(); } <TO> target = SimpleStringLiteral() {
            return new MarbleAdmin(s.end(this), MarbleAdmin.Action.BACKUP, target);
        }
    )
}

/** ALTER USER name [WITH] PASSWORD 'secret' | ALTER USER name ADMIN {TRUE | FALSE} | ALTER USER name RENAME TO other */
SqlNode MarbleAlterUserStmt() :
{
    final Span s;
    final SqlIdentifier name;
    final String password;
    final SqlIdentifier to;
}
{
    <ALTER> { s = span(); } <USER> name = SimpleIdentifier()
    (
        [ <WITH> ] <PASSWORD> password = SimpleStringLiteral() {
            return new MarbleAlterUser(s.end(this), name, MarbleAlterUser.Action.PASSWORD, password, false, null);
        }
    |
        <ADMIN>
        (
            <TRUE> {
                return new MarbleAlterUser(s.end(this), name, MarbleAlterUser.Action.ADMIN, null, true, null);
            }
        |
            <FALSE> {
                return new MarbleAlterUser(s.end(this), name, MarbleAlterUser.Action.ADMIN, null, false, null);
            }
        )
    |
        <RENAME> <TO> to = SimpleIdentifier() {
            return new MarbleAlterUser(s.end(this), name, MarbleAlterUser.Action.RENAME, null, false, to);
        }
    )
}

/** SELECT | INSERT | UPDATE | DELETE | ALL [PRIVILEGES] */
void MarblePrivilege(List<Privilege> privileges) :
{
}
{
    <SELECT> { privileges.add(Privilege.SELECT); }
|
    <INSERT> { privileges.add(Privilege.INSERT); }
|
    <UPDATE> { privileges.add(Privilege.UPDATE); }
|
    <DELETE> { privileges.add(Privilege.DELETE); }
|
    <ALL> [ <PRIVILEGES> ] {
        for (Privilege p : Privilege.values()) {
            privileges.add(p);
        }
    }
}

/**
 * GRANT privilege, ... ON {[TABLE] t | SCHEMA s} TO grantee, ... | GRANT role, ... TO grantee, ...
 * and REVOKE ... FROM grantee, ...
 */
SqlNode MarbleGrantStmt() :
{
    final Span s;
    final boolean grant;
    final List<Privilege> privileges = new ArrayList<Privilege>();
    final List<SqlIdentifier> roles = new ArrayList<SqlIdentifier>();
    SqlIdentifier object = null;
    boolean schema = false;
    final List<SqlIdentifier> grantees = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
}
{
    ( <GRANT> { s = span(); grant = true; } | <REVOKE> { s = span(); grant = false; } )
    (
        MarblePrivilege(privileges) ( <COMMA> MarblePrivilege(privileges) )*
        <ON>
        (
            LOOKAHEAD(2) <SCHEMA> object = SimpleIdentifier() { schema = true; }
        |
            [ <TABLE> ] object = CompoundIdentifier()
        )
    |
        id = SimpleIdentifier() { roles.add(id); }
        ( <COMMA> id = SimpleIdentifier() { roles.add(id); } )*
    )
    (
        <TO> {
            if (!grant) {
                throw MarbleDdl.parseError(getPos(), "REVOKE takes FROM, not TO");
            }
        }
    |
        <FROM> {
            if (grant) {
                throw MarbleDdl.parseError(getPos(), "GRANT takes TO, not FROM");
            }
        }
    )
    id = SimpleIdentifier() { grantees.add(id); }
    ( <COMMA> id = SimpleIdentifier() { grantees.add(id); } )*
    {
        return new MarbleGrant(s.end(this), grant, privileges, roles, object, schema, grantees);
    }
}
