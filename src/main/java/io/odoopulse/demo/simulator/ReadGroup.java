package io.odoopulse.demo.simulator;

import java.util.List;

/** read_group with Odoo 17 semantics. */
final class ReadGroup {

    private final Orm orm;
    private final Env env;

    ReadGroup(Orm orm, Env env) {
        this.orm = orm;
        this.env = env;
    }

    List<Object> readGroup(String model, List<Object> domain, List<String> fields, List<String> groupby, int offset,
            Integer limit, String orderby, boolean lazy) {
        throw OdooException.valueError("read_group is not supported yet");
    }
}
