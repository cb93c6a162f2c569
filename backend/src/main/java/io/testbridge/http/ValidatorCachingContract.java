package io.testbridge.http;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract as it is, except that its schema repository hands out one validator per schema
 * instead of building a new one on every call (see {@link RequestValidation}). Schemas are keyed by
 * identity: the contract's parameter and body schemas are fixed objects, and their own equals
 * would hash whole schema trees. Validators only read their schemas, so sharing them is safe.
 */
final class ValidatorCachingContract implements OpenAPIContract {
    private final OpenAPIContract contract;
    private final SchemaRepository repository;

    ValidatorCachingContract(OpenAPIContract contract) {
        this.contract = contract;
        this.repository = new CachingRepository(contract.getSchemaRepository());
    }

    @Override
    public SchemaRepository getSchemaRepository() {
        return repository;
    }

    @Override
    public Operation operation(String operationId) {
        return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
        return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
        return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
        return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
        return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
        return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
        return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
        return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
        return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
        return contract.securityScheme(name);
    }

    private static final class CachingRepository implements SchemaRepository {
        private final SchemaRepository repository;
        private final Map<JsonSchema, Validator> validators = Collections.synchronizedMap(new IdentityHashMap<>());

        CachingRepository(SchemaRepository repository) {
            this.repository = repository;
        }

        @Override
        public Validator validator(JsonSchema schema) {
            return validators.computeIfAbsent(schema, repository::validator);
        }

        @Override
        public SchemaRepository dereference(JsonSchema schema) {
            repository.dereference(schema);
            return this;
        }

        @Override
        public SchemaRepository dereference(String uri, JsonSchema schema) {
            repository.dereference(uri, schema);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs) {
            repository.preloadMetaSchema(fs);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
            repository.preloadMetaSchema(fs, draft);
            return this;
        }

        @Override
        public Validator validator(String ref) {
            return repository.validator(ref);
        }

        @Override
        public Validator validator(String ref, JsonSchemaOptions options) {
            return repository.validator(ref, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
            return repository.validator(schema, options, dereference);
        }

        @Override
        public JsonObject resolve(JsonObject schema) {
            return repository.resolve(schema);
        }

        @Override
        public JsonSchema find(String pointer) {
            return repository.find(pointer);
        }
    }
}
